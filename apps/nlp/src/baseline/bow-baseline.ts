import * as tf from '@tensorflow/tfjs';
import { headMetricConfigs, PreparedData, preparedInput } from '@mimo/app-kit';
import { ModelSpec } from '@mimo/core';
import { HeadMetrics, MetricConfigSchema } from '@mimo/core/internal';
import { promises as fs } from 'fs';
import * as path from 'path';
import { TEXT_INPUT } from '../data/text-table';
import { bagOfWords, BowLinearModel, SparseVector } from './bow-logistic';

/** The bundle file the baseline's results go to, beside card.json. */
export const BASELINE_FILE = 'baseline.json';

interface TextSplit {
  texts: SparseVector[];
  ys: Record<string, number[][]>;
}

/** Plain-array copies of the train and test splits (bags of words, labels), taken before the kit disposes the tensors. */
export interface BaselineSplits {
  vocabSize: number;
  train: TextSplit;
  test: TextSplit;
}

export interface BaselineResult {
  model: string;
  vocabSize: number;
  n: { train: number; test: number };
  /** Test metrics per head, by the same definitions as the neural models' (`HeadMetrics`). */
  metrics: Record<string, Record<string, number>>;
  /** Test labels and scores per head, for the report's ROC curves. */
  test: { labels: Record<string, number[][]>; scores: Record<string, number[][]> };
}

function textSplit(split: PreparedData['train']): TextSplit {
  const ids = split.xs[TEXT_INPUT].arraySync() as number[][];
  return { texts: ids.map(bagOfWords), ys: Object.fromEntries(Object.entries(split.ys).map(([head, t]) => [head, t.arraySync() as number[][]])) };
}

export function captureBaselineSplits(data: PreparedData): BaselineSplits {
  const text = preparedInput(data, TEXT_INPUT, 'tokens');
  return { vocabSize: text.vocabSize, train: textSplit(data.train), test: textSplit(data.test) };
}

/** Fits one bag-of-words linear model per head on the train split and scores the test split. */
export async function runBowBaseline(splits: BaselineSplits, spec: ModelSpec, seed: number): Promise<BaselineResult> {
  const scores: Record<string, number[][]> = {};
  for (const [head, config] of Object.entries(spec.heads)) {
    const task = config.type === 'multilabel' ? undefined : config.type;
    if (!task) throw new Error(`bag-of-words baseline: head '${head}' is multilabel, which it does not model`);
    const targets = splits.train.ys[head];
    const model = new BowLinearModel(task, splits.vocabSize, targets[0].length).fit(splits.train.texts, targets, { seed });
    scores[head] = splits.test.texts.map((x) => model.predict(x));
  }
  const configs = Object.fromEntries(Object.entries(headMetricConfigs(spec)).map(([head, list]) => [head, list.map((m) => MetricConfigSchema.parse(m))]));
  const metrics = new HeadMetrics(spec, configs);
  const heads = Object.keys(spec.heads);
  const [yTrue, yPred] = [splits.test.ys, scores].map((values) => Object.fromEntries(heads.map((h) => [h, tf.tensor2d(values[h])])));
  try {
    await metrics.update(yTrue, yPred);
  } finally {
    tf.dispose([...Object.values(yTrue), ...Object.values(yPred)]);
  }
  const logs = metrics.results();
  return {
    model: 'bag-of-words logistic regression (log-count, L2-normalised, SGD)',
    vocabSize: splits.vocabSize,
    n: { train: splits.train.texts.length, test: splits.test.texts.length },
    metrics: Object.fromEntries(heads.map((h) => [h, Object.fromEntries(Object.entries(logs).filter(([k]) => k.startsWith(`${h}_`)).map(([k, v]) => [k.slice(h.length + 1), v]))])),
    test: { labels: splits.test.ys, scores },
  };
}

export async function writeBaseline(dir: string, result: BaselineResult): Promise<void> {
  await fs.writeFile(path.join(dir, BASELINE_FILE), JSON.stringify(result));
}
