import * as tf from '@tensorflow/tfjs';
import { TrainingData } from '@mimo/core';
import { selectRows, stratifiedSplit } from '@mimo/data';
import { frameTensors } from '../data/frame-tensors';
import { GENERATED_SEED } from '../data/load-frames';
import { autonomousSpecFor, Variant } from '../model';
import { SPLIT_SEED } from '../plugin/prepare-frames';
import { generateFrames } from '../scene/generate-scenes';
import { MANOEUVRES } from '../scene/planner';
import { modalityDropout, withoutInput } from '../training/modality-dropout';
import { trainVariant, VariantRun } from './train-variant';

export interface SceneExperimentOptions {
  scenes: number;
  epochs: number;
  batchSize?: number;
  /** Modality dropout rate of the robustness runs. Defaults to 0.3. */
  dropoutRate?: number;
  seed?: number;
  log?(line: string): void;
}

export interface SceneExperimentResult {
  scenes: number;
  classCounts: Record<string, number>;
  split: { train: number; val: number; test: number };
  /** The ablation (trained without modality dropout) then the robustness runs (with it). */
  runs: (VariantRun & { variant: Variant; modalityDropout: number })[];
}

const dispose = (data: TrainingData) => tf.dispose([...Object.values(data.xs), ...Object.values(data.ys)]);

/**
 * The ablation and robustness study on generated scenes: camera only, LIDAR only, concat and attention fusion
 * trained on clean frames, then concat and attention trained with per-epoch modality dropout; every run is tested
 * with both sensors, with the camera zeroed and with the LIDAR zeroed.
 */
export async function runSceneExperiments(options: SceneExperimentOptions): Promise<SceneExperimentResult> {
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => undefined);
  const frames = generateFrames({ count: options.scenes, seed: GENERATED_SEED });
  const labels = frames.map((f) => f.label);
  const split = stratifiedSplit(labels, { seed: SPLIT_SEED });
  const [train, val, test] = [split.train, split.val, split.test].map((rows) => {
    const { xs, ys } = frameTensors(selectRows(frames, rows), { imageSize: 32, maxRange: 20, classes: MANOEUVRES });
    return { xs, ys: ys ?? {} } as TrainingData;
  });
  const noCamera = withoutInput(test.xs, 'camera');
  const noLidar = withoutInput(test.xs, 'lidar');
  const tests = { full: test, no_camera: { xs: noCamera, ys: test.ys }, no_lidar: { xs: noLidar, ys: test.ys } };
  const common = { val, tests, classes: MANOEUVRES, epochs: options.epochs, batchSize: options.batchSize ?? 32, learningRate: 0.002, patience: 4, seed };
  const plan: { variant: Variant; rate: number }[] = [
    { variant: 'camera', rate: 0 },
    { variant: 'lidar', rate: 0 },
    { variant: 'concat', rate: 0 },
    { variant: 'gated', rate: 0 },
    { variant: 'concat', rate: options.dropoutRate ?? 0.3 },
    { variant: 'gated', rate: options.dropoutRate ?? 0.3 },
  ];
  const runs: SceneExperimentResult['runs'] = [];
  for (const { variant, rate } of plan) {
    const name = rate > 0 ? `${variant} + modality dropout ${rate}` : variant;
    const data = rate > 0 ? modalityDropout(train, { inputs: ['camera', 'lidar'], rate, batchSize: common.batchSize, seed }) : train;
    const run = await trainVariant({ ...common, name, spec: autonomousSpecFor(variant), train: data });
    log(`${name}: test accuracy ${Object.entries(run.tests).map(([k, v]) => `${k} ${v.accuracy.toFixed(3)}`).join(', ')} (${run.history.loss.length} epochs, ${run.seconds.toFixed(0)} s)`);
    runs.push({ ...run, variant, modalityDropout: rate });
  }
  const classCounts = Object.fromEntries(MANOEUVRES.map((m) => [m, labels.filter((l) => l === m).length]));
  [train, val, test].forEach(dispose);
  tf.dispose([noCamera.camera, noLidar.lidar]);
  return { scenes: options.scenes, classCounts, split: { train: split.train.length, val: split.val.length, test: split.test.length }, runs };
}
