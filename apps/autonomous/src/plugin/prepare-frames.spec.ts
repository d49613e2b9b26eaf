import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import type { PreparedData } from '@mimo/app-kit';
import { writeManifest } from '../manifest/write-manifest';
import { generateFrames } from '../scene/generate-scenes';
import { MANOEUVRES } from '../scene/planner';
import { lidarWidth, SensorPreprocessing } from '../data/sensor-preprocessing';
import { prepareFrames, RANGE_BINS } from './prepare-frames';

function dispose(data: PreparedData): void {
  for (const part of [data.train, data.val, data.test]) if (part) tf.dispose([...Object.values(part.xs), ...Object.values(part.ys)]);
}

describe('prepareFrames', () => {
  it('splits the tiny generated set, adds modality-dropout copies to train only, and saves its state', async () => {
    const data = await prepareFrames({ seed: 1, tiny: true });
    expect(data.card.name).toBe('generated scenes');
    const state = data.preprocessing as SensorPreprocessing;
    expect(state).toMatchObject({ format: 'mimo.autonomous', version: 1, imageSize: 32, beams: 24, maxRange: 20, classes: [...MANOEUVRES] });
    // Each beam's bins: at most RANGE_BINS, at the training ranges' quantiles (increasing edges).
    expect(state.rangeEdges).toHaveLength(24);
    for (const edges of state.rangeEdges ?? []) {
      expect(edges.length).toBeLessThanOrEqual(RANGE_BINS + 1);
      expect(edges.every((e, i) => i === 0 || e > edges[i - 1])).toBe(true);
    }
    expect(data.inputs).toEqual({ camera: { kind: 'image', height: 32, width: 32, channels: 3 }, lidar: { kind: 'numeric', size: lidarWidth(state) } });
    const val = data.val?.xs.lidar.shape[0] ?? 0;
    const test = data.test.xs.lidar.shape[0];
    const train = data.train.xs.lidar.shape[0];
    expect(val + test).toBeGreaterThan(30);
    expect(train).toBeGreaterThan(240 - val - test); // + the dropped copies
    expect(data.test.xs.camera.shape).toEqual([test, 32, 32, 3]);
    expect(data.test.ys.manoeuvre.shape).toEqual([test, 6]);
    const zeroRows = tf.tidy(() => data.test.xs.lidar.sum(1).equal(0).sum().arraySync());
    expect(zeroRows).toBe(0); // held-out frames keep both sensors
    dispose(data);
  });

  it('reads a manifest with the classes it finds (sorted), or a restored state’s classes', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-prepare-'));
    try {
      const manifest = await writeManifest(dir, generateFrames({ count: 40, seed: 2 }));
      const data = await prepareFrames({ seed: 1, data: manifest });
      const state = data.preprocessing as { classes: string[] };
      expect(state.classes).toEqual([...state.classes].sort());
      expect(data.card).toMatchObject({ name: 'manifest', source: manifest });
      dispose(data);
      const restored = await prepareFrames({ seed: 1, data: manifest, preprocessing: { ...state, classes: [...MANOEUVRES] } });
      expect(restored.test.ys.manoeuvre.shape[1]).toBe(6);
      dispose(restored);
      await expect(prepareFrames({ seed: 1, preprocessing: { format: 'other' } })).rejects.toThrow(/expected the autonomous app's preprocessing state/);
      const oneLabel = await writeManifest(path.join(dir, 'one'), generateFrames({ count: 12, seed: 2 }).map((frame) => ({ ...frame, label: 'forward' })));
      await expect(prepareFrames({ seed: 1, data: oneLabel })).rejects.toThrow(`${oneLabel}: column "label": expected at least 2 manoeuvre classes to learn, received 1: forward`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
