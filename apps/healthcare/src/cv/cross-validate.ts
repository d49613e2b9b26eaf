import { AppPlugin, metricsAtThreshold, runTrain, testPredictions, TrainOptions } from '@mimo/app-kit';
import { kFold, stratifiedSplit } from '@mimo/data';
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { HealthcareTable, prepareTableSplit, tableLabels } from '../datasets/healthcare-table';
import { MeanStd, summarizeFolds } from './fold-summary';

export interface CrossValidationOptions extends Omit<TrainOptions, 'out' | 'inputs' | 'fusion' | 'tensorboard'> {
  folds: number;
}

export interface FoldResult {
  fold: number;
  n: { train: number; val: number; test: number };
  epochs: number;
  /** Test metrics of the main head on the fold's held-out rows (a binary head's also at its validation threshold). */
  test: Record<string, number>;
}

export interface CrossValidationResult {
  data: string;
  source: string;
  head: string;
  folds: number;
  seed: number;
  epochs: number;
  batchSize: number;
  patience: number;
  backend: string;
  tiny: boolean;
  runs: FoldResult[];
  summary: Record<string, MeanStd>;
}

/** A binary head's test accuracy and F1 at the threshold its run chose on validation (nothing for other heads). */
async function testAtThreshold(plugin: AppPlugin, dir: string, head: string, threshold: number | undefined): Promise<Record<string, number>> {
  if (threshold === undefined) return {};
  const scored = await testPredictions(plugin, dir);
  const at = metricsAtThreshold(scored.labels[head].map((row) => row[0]), scored.scores[head].map((row) => row[0]), threshold);
  return { threshold, accuracy_at_threshold: at.accuracy, f1_at_threshold: at.f1 };
}

/**
 * Stratified k-fold cross-validation of the app's model on a table: each fold's rows are the test split once;
 * of the other rows a stratified 15 % is held out for early stopping, and the preprocessing is fitted on the
 * remaining 85 % only. Each fold trains through the kit's train flow (bundles go to a temporary folder and are
 * removed: they are not evaluable with the app's own split).
 */
export async function crossValidate(plugin: AppPlugin, table: HealthcareTable, options: CrossValidationOptions, log: (line: string) => void): Promise<CrossValidationResult> {
  const labels = tableLabels(table);
  const folds = kFold(labels.length, { k: options.folds, labels, seed: options.seed });
  const scratch = await fs.mkdtemp(path.join(tmpdir(), 'mimo-healthcare-cv-'));
  const runs: FoldResult[] = [];
  try {
    for (const [i, fold] of folds.entries()) {
      const inner = stratifiedSplit(fold.train.map((row) => labels[row]), { fractions: { train: 0.85, val: 0.15, test: 0 }, seed: options.seed });
      const split = { train: inner.train.map((j) => fold.train[j]), val: inner.val.map((j) => fold.train[j]), test: fold.test };
      const foldPlugin: AppPlugin = { ...plugin, prepare: () => prepareTableSplit(table, split) };
      log(`fold ${i + 1}/${folds.length}: train ${split.train.length}, val ${split.val.length}, test ${split.test.length}`);
      const result = await runTrain(foldPlugin, { ...options, out: path.join(scratch, `fold-${i + 1}`) }, log);
      const atThreshold = await testAtThreshold(foldPlugin, result.dir, table.label, result.card.thresholds?.[table.label]);
      runs.push({ fold: i + 1, n: result.card.data.n, epochs: result.card.epochs.completed, test: { ...result.card.metrics.test[table.label], ...atThreshold } });
    }
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
  return {
    data: table.card.name,
    source: table.card.source,
    head: table.label,
    folds: options.folds,
    seed: options.seed,
    epochs: options.epochs,
    batchSize: options.batchSize,
    patience: options.patience,
    backend: tf.getBackend(),
    tiny: options.tiny,
    runs,
    summary: summarizeFolds(runs.map((run) => run.test)),
  };
}
