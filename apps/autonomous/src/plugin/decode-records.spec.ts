import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { writeManifest } from '../manifest/write-manifest';
import { generateFrames } from '../scene/generate-scenes';
import { MANOEUVRES } from '../scene/planner';
import { decodeSensorRecords } from './decode-records';

const state = { format: 'mimo.autonomous', version: 1, imageSize: 32, beams: 24, maxRange: 20, classes: [...MANOEUVRES] };
const [frame] = generateFrames({ count: 1, seed: 4 });
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-decode-'));
  await writeManifest(dir, [frame]);
  await fs.writeFile(path.join(dir, 'scan.txt'), frame.ranges.join('\n'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('decodeSensorRecords', () => {
  it('reads camera paths and ranges in every form, and feeds a missing sensor as zeros', async () => {
    const inline = Object.fromEntries(frame.ranges.map((r, i) => [`r${i + 1}`, String(r)]));
    const xs = await decodeSensorRecords(
      [
        { camera: `images/${frame.id}.png`, ...inline },
        { camera: `images/${frame.id}.png`, ranges: frame.ranges },
        { camera: `images/${frame.id}.png`, ranges: 'scan.txt' },
        { ranges: frame.ranges },
        { camera: `images/${frame.id}.png` },
      ],
      state,
      dir,
    );
    expect(xs.camera.shape).toEqual([5, 32, 32, 3]);
    const lidar = xs.lidar.arraySync() as number[][];
    expect(lidar[0]).toEqual(lidar[1]);
    expect(lidar[0]).toEqual(lidar[2]);
    expect(lidar[0][0]).toBeCloseTo(Math.min(frame.ranges[0], 20) / 20);
    expect(lidar[4].every((v) => v === 0)).toBe(true);
    const cameraSums = tf.tidy(() => xs.camera.sum([1, 2, 3]).arraySync() as number[]);
    expect(cameraSums[3]).toBe(0);
    expect(cameraSums[0]).toBeGreaterThan(0);
    tf.dispose(Object.values(xs));
  });

  it('names the row and field of a bad record', async () => {
    await expect(decodeSensorRecords([{ id: 'x' }], state, dir)).rejects.toThrow('row 1: expected a camera image path ("camera") and/or ranges (r1 … r24 or "ranges"), received neither');
    await expect(decodeSensorRecords([{ ranges: [1, 2] }], state, dir)).rejects.toThrow('row 1: column "ranges": expected 24 ranges, received 2');
    await expect(decodeSensorRecords([{ ranges: frame.ranges }, { camera: 'nope.png' }], state, dir)).rejects.toThrow(/row 2: column "camera": .*nope.png: expected a PNG, JPEG or WebP image, received no file/);
    await expect(decodeSensorRecords([{ ranges: [...frame.ranges.slice(1), 'x'] }], state, dir)).rejects.toThrow('row 1: column "ranges": expected a range in metres (a finite number ≥ 0), received "x"');
    for (const [ranges, shown] of [[42, '42'], [true, 'true'], [{}, '{}']] as const) {
      await expect(decodeSensorRecords([{ camera: 'frames/0.png', ranges }], state, dir)).rejects.toThrow(`row 1: column "ranges": expected an array of 24 ranges or a file of ranges, received ${shown}`);
    }
  });
});
