import { TrainingData } from '@mimo/core';
import { loadWallFollowingRobot, selectRows, stratifiedSplit, TablePreprocessor } from '@mimo/data';
import * as tf from '@tensorflow/tfjs';
import { trainVariant, VariantRun } from './train-variant';

/** Published accuracies on the 24-sensor wall-following data (UCI page and its papers). */
export const ROBOT_REFERENCES = { mlp: 0.94, treeEnsembles: 0.99 };

export interface RobotExperimentResult {
  rows: number;
  split: { train: number; val: number; test: number };
  run: VariantRun;
  references: typeof ROBOT_REFERENCES;
}

/**
 * Real data through the LIDAR branch alone: the wall-following robot's 24 ranges (standardised on the training
 * split) → Dense [64, 64] → 4 manoeuvres; stratified 80 / 10 / 10 split, seed 42.
 */
export async function runRobotExperiment(options: { epochs: number; seed?: number; dir?: string }): Promise<RobotExperimentResult> {
  const robot = await loadWallFollowingRobot({ dir: options.dir });
  const labels = robot.data.map((row) => String(row.OUTPUT));
  const split = stratifiedSplit(labels, { seed: 42 });
  const preprocessor = await TablePreprocessor.create(robot.schema).fit(selectRows(robot.data, split.train));
  const [train, val, test] = await Promise.all([split.train, split.val, split.test].map((rows) => preprocessor.transform(selectRows(robot.data, rows))));
  const rename = (data: TrainingData): TrainingData => ({ xs: { lidar: data.xs.ranges }, ys: data.ys });
  const classes = [...new Set(labels)].sort();
  const run = await trainVariant({
    name: 'wall-following robot, LIDAR branch',
    spec: { name: 'robot_lidar', inputs: { lidar: { kind: 'numeric', size: 24, encoder: { type: 'dense', units: [64, 64] } } }, heads: { manoeuvre: { type: 'multiclass', classes: 4 } } },
    train: rename(train),
    val: rename(val),
    tests: { full: rename(test) },
    classes,
    epochs: options.epochs,
    batchSize: 32,
    learningRate: 0.003,
    patience: 10,
    seed: options.seed ?? 1,
  });
  tf.dispose([train, val, test].flatMap((d) => [...Object.values(d.xs), ...Object.values(d.ys)]));
  return { rows: robot.data.length, split: { train: split.train.length, val: split.val.length, test: split.test.length }, run, references: ROBOT_REFERENCES };
}
