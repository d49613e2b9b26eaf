import * as tf from '@tensorflow/tfjs';
import { evaluateModel, loadBundle, ModelSpec, TrainingData } from '@mimo/core';
import { MetricConfigSchema } from '@mimo/core/internal';
import { promises as fs } from 'fs';
import * as path from 'path';
import { baselineVerdict, HeadBaselines, scorePredictions, trainingBaselines } from '../metrics/baselines';
import { metricsAtThreshold, ThresholdMetrics } from '../metrics/binary-threshold';
import { headMetricConfigs } from '../metrics/head-metric-configs';
import { HeadMetricValues, nestMetrics } from '../metrics/nest-metrics';
import { AppPlugin, PreparedData } from '../plugin';
import { headOutputs, headTargets } from './head-outputs';
import { AppModelCard, readAppCard } from './model-card';
import { disposeData, exampleCount, pickData } from './pick-inputs';

/** Which examples `evaluate` scores: one split of the training run's, or every example of the data. */
export type EvaluateSplit = 'test' | 'val' | 'all';
export const EVALUATE_SPLITS: readonly EvaluateSplit[] = ['test', 'val', 'all'];

/** What `mimo <app> evaluate` prints and writes with `--json`. */
export interface EvaluationReport {
  dataset: string;
  /** The data file scored (or the app's default data set). */
  data: string;
  /** The examples scored: a split of the training run's (same seed, same preprocessing) or all of them. */
  split: EvaluateSplit;
  n: number;
  heads: Record<string, HeadMetricValues>;
  /** Binary heads at the decision threshold saved at train time (`heads` is at 0.5). */
  thresholds: Record<string, ThresholdMetrics>;
  /** Naive baselines per head on the same examples: the kit's (training mean, majority class) and the app's. */
  baselines: Record<string, Record<string, HeadMetricValues>>;
  /** Per head: does the model beat every baseline (`skill: …` / `no skill: …`). */
  verdicts: Record<string, string>;
}

export interface EvaluateOptions {
  model: string;
  /** Defaults to the data the bundle was trained on (its card's `data.path`, else the app's default). */
  data?: string;
  /** Defaults to `test` on the training data, `all` on any other file (a user's test file is scored whole). */
  split?: EvaluateSplit;
  json?: string;
}

/** Whether `data` names what the bundle was trained on (the same path, or both the app's default). */
function isTrainingData(data: string | undefined, card: AppModelCard): boolean {
  if (data === undefined) return true;
  if (card.data.path === undefined) return false;
  return data === card.data.path || path.resolve(data) === path.resolve(card.data.path);
}

/** Joins splits example-wise (train, then val, then test), for `--split all`. */
function concatSplits(splits: TrainingData[]): TrainingData {
  const join = (pick: (d: TrainingData) => Record<string, tf.Tensor>) =>
    Object.fromEntries(Object.keys(pick(splits[0])).map((name) => [name, tf.concat(splits.map((s) => pick(s)[name]))]));
  return { xs: join((d) => d.xs), ys: join((d) => d.ys) };
}

function chooseSplit(data: PreparedData, split: EvaluateSplit, spec: ModelSpec): { examples: TrainingData; baselines: Record<string, HeadBaselines>; owned: boolean } {
  const parts = (['train', 'val', 'test'] as const).filter((s) => data[s] !== undefined && (split === 'all' || s === split));
  if (parts.length === 0) throw new Error(`${data.card.name}: no ${split} split (the data hold train${data.val ? ', val' : ''} and test)`);
  const picked = parts.map((s) => pickData(data[s] as TrainingData, spec));
  const appBaselines = (s: (typeof parts)[number]) => data.baselines?.[s] ?? {};
  const baselines: Record<string, HeadBaselines> = {};
  for (const head of Object.keys(spec.heads)) {
    const names = Object.keys(appBaselines(parts[0])[head] ?? {}).filter((name) => parts.every((s) => appBaselines(s)[head]?.[name]));
    baselines[head] = Object.fromEntries(names.map((name) => [name, parts.flatMap((s) => appBaselines(s)[head][name])]));
  }
  return picked.length === 1 ? { examples: picked[0], baselines, owned: false } : { examples: concatSplits(picked), baselines, owned: true };
}

/**
 * Loads a bundle, prepares the data with the bundle's preprocessing (restored, never refitted) and the card's seed
 * (so the splits are the training run's), and reports on the chosen examples: losses and metrics per head, binary
 * heads at their saved threshold, naive baselines on the same examples and a verdict per head.
 */
export async function runEvaluate(plugin: AppPlugin, options: EvaluateOptions): Promise<EvaluationReport> {
  const bundle = await loadBundle(options.model);
  try {
    const card = readAppCard(bundle.card, options.model);
    const ownData = isTrainingData(options.data, card);
    const split = options.split ?? (ownData ? 'test' : 'all');
    const dataPath = options.data ?? card.data.path;
    const data = await plugin.prepare({ data: dataPath, seed: card.seed, preprocessing: bundle.preprocessing, tiny: ownData && card.data.tiny, inputs: card.inputs });
    try {
      const { examples, baselines: appBaselines, owned } = chooseSplit(data, split, bundle.spec);
      try {
        const metrics = Object.fromEntries(Object.entries(headMetricConfigs(bundle.spec)).map(([h, list]) => [h, list.map((m) => MetricConfigSchema.parse(m))]));
        const heads = nestMetrics(await evaluateModel(bundle.model, bundle.spec, examples, { metrics }), bundle.spec);
        const n = exampleCount(examples);
        const kitBaselines = trainingBaselines(bundle.spec, pickData(data.train, bundle.spec).ys, n);
        const [outputs, targets] = [headOutputs(bundle.model, examples), headTargets(examples)];
        const report: EvaluationReport = { dataset: data.card.name, data: dataPath ?? 'the app default', split, n, heads, thresholds: {}, baselines: {}, verdicts: {} };
        for (const [head, config] of Object.entries(bundle.spec.heads)) {
          const labels = targets[head].flat();
          const all = { ...kitBaselines[head], ...appBaselines[head] };
          report.baselines[head] = Object.fromEntries(Object.entries(all).map(([name, rows]) => [name, scorePredictions(config, head, labels, rows)]));
          report.verdicts[head] = baselineVerdict(config, heads[head], report.baselines[head]);
          if (config.type === 'binary') {
            report.thresholds[head] = metricsAtThreshold(labels, outputs[head].map((row) => row[0]), card.thresholds?.[head] ?? 0.5);
          }
        }
        if (options.json) {
          await fs.mkdir(path.dirname(path.resolve(options.json)), { recursive: true });
          await fs.writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
        }
        return report;
      } finally {
        if (owned) disposeData(examples);
      }
    } finally {
      disposeData(data.train, data.val, data.test);
    }
  } finally {
    bundle.model.dispose();
  }
}
