import { AppPlugin, parseFlags, runTrain, testPredictions, TRAIN_FLAGS, trainOptions } from '@mimo/app-kit';
import { TrainingData } from '@mimo/core';
import { loadWallFollowingRobot, ROBOT_SENSORS, selectRows, stratifiedSplit, TablePreprocessor, TabularDataset } from '@mimo/data';
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { accuracyOf, Confusion, namedConfusion } from './confusion';
import { trainVariant, VariantRun } from './train-variant';

/** Published accuracies on the 24-sensor wall-following data (UCI page and its papers). */
export const ROBOT_REFERENCES = { mlp: 0.94, treeEnsembles: 0.99 };

/** One `mimo autonomous train --data robot.csv --inputs lidar --seed N` run: its test split, epochs and time. */
export interface RobotTrainRun {
  seed: number;
  accuracy: number;
  epochs: number;
  seconds: number;
  confusion: Confusion;
  history: Record<string, number[]>;
}

export interface RobotExperimentResult {
  rows: number;
  split: { train: number; val: number; test: number };
  /** The app's `train` with default flags on the robot's LIDAR-only manifest, one run per seed. */
  train: { runs: RobotTrainRun[]; mean: number; std: number };
  /** A plain MLP on standardised ranges (Dense [256, 256], Adam 0.001, patience 20): where a plain network stops. */
  baseline: VariantRun;
  references: typeof ROBOT_REFERENCES;
}

/** The robot's rows as a LIDAR-only manifest, the generic format `train --data` reads: `r1 … r24, label`. */
export async function writeRobotManifest(robot: TabularDataset, file: string): Promise<string> {
  const lines = [[...ROBOT_SENSORS.map((_, i) => `r${i + 1}`), 'label'].join(','), ...robot.data.map((row) => [...ROBOT_SENSORS.map((s) => row[s]), row.OUTPUT].join(','))];
  await fs.writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** `train` on the manifest as a user runs it (default flags), then its test split's confusion matrix. */
async function trainRun(plugin: AppPlugin, manifest: string, seed: number, out: string, log: (line: string) => void): Promise<RobotTrainRun> {
  const flags = parseFlags(['--data', manifest, '--inputs', 'lidar', '--seed', String(seed), '--out', out], TRAIN_FLAGS);
  const result = await runTrain(plugin, { ...trainOptions(flags, plugin), checkpoints: false }, log);
  const predictions = await testPredictions(plugin, out);
  const argmax = (rows: number[][]) => rows.map((row) => row.indexOf(Math.max(...row)));
  const confusion = namedConfusion(argmax(predictions.labels.manoeuvre), argmax(predictions.scores.manoeuvre), result.card.classes?.manoeuvre ?? []);
  return { seed, accuracy: accuracyOf(confusion), epochs: result.card.epochs.completed, seconds: result.card.training?.seconds ?? 0, confusion, history: result.history.history };
}

/** The plain-MLP baseline: standardised ranges → Dense [256, 256] → 4 manoeuvres on the same split. */
async function baselineRun(robot: TabularDataset, split: { train: number[]; val: number[]; test: number[] }, epochs: number, seed: number): Promise<VariantRun> {
  const preprocessor = await TablePreprocessor.create(robot.schema).fit(selectRows(robot.data, split.train));
  const [train, val, test] = await Promise.all([split.train, split.val, split.test].map((rows) => preprocessor.transform(selectRows(robot.data, rows))));
  const rename = (data: TrainingData): TrainingData => ({ xs: { lidar: data.xs.ranges }, ys: data.ys });
  try {
    return await trainVariant({
      name: 'plain MLP, standardised ranges',
      spec: { name: 'robot_mlp', inputs: { lidar: { kind: 'numeric', size: 24, encoder: { type: 'dense', units: [256, 256] } } }, heads: { manoeuvre: { type: 'multiclass', classes: 4 } } },
      train: rename(train),
      val: rename(val),
      tests: { full: rename(test) },
      classes: preprocessor.headClasses().manoeuvre,
      epochs,
      batchSize: 32,
      learningRate: 0.001,
      patience: 20,
      seed,
    });
  } finally {
    tf.dispose([train, val, test].flatMap((d) => [...Object.values(d.xs), ...Object.values(d.ys)]));
  }
}

/**
 * Real data through the app's own `train`: the wall-following robot's 24 ranges written as a LIDAR-only manifest
 * (stratified 80 / 10 / 10 split, seed 42, as for any manifest), one run per seed; beside it a plain MLP on
 * standardised ranges trained up to `baselineEpochs` epochs.
 */
export async function runRobotExperiment(plugin: AppPlugin, options: { seeds: readonly number[]; baselineEpochs: number; dir?: string; log(line: string): void }): Promise<RobotExperimentResult> {
  const robot = await loadWallFollowingRobot({ dir: options.dir });
  const split = stratifiedSplit(robot.data.map((row) => String(row.OUTPUT)), { seed: 42 });
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-robot-'));
  try {
    const manifest = await writeRobotManifest(robot, path.join(scratch, 'robot.csv'));
    const runs: RobotTrainRun[] = [];
    for (const seed of options.seeds) {
      runs.push(await trainRun(plugin, manifest, seed, path.join(scratch, `seed-${seed}`), options.log));
      options.log(`robot: train --seed ${seed}: test accuracy ${runs[runs.length - 1].accuracy.toFixed(4)}`);
    }
    const accuracies = runs.map((r) => r.accuracy);
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    const std = Math.sqrt(accuracies.reduce((s, a) => s + (a - mean) ** 2, 0) / accuracies.length);
    const baseline = await baselineRun(robot, split, options.baselineEpochs, options.seeds[0]);
    return { rows: robot.data.length, split: { train: split.train.length, val: split.val.length, test: split.test.length }, train: { runs, mean, std }, baseline, references: ROBOT_REFERENCES };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
