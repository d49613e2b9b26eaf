import * as tf from '@tensorflow/tfjs';
import { createMetric, HeadConfig, ModelSpec, TensorMap } from '@mimo/core';
import { MetricConfigSchema } from '@mimo/core/internal';
import { METRICS_BY_HEAD_TYPE } from './head-metric-configs';
import { HeadMetricValues } from './nest-metrics';

/** Naive predictions of one head by baseline name: one row of output values per example. */
export type HeadBaselines = Record<string, number[][]>;

/**
 * The metric a head's verdict compares on, and whether higher is better: RMSE for regression, AUC for binary and
 * multilabel heads (a constant guess has 0.5, whatever the class shares), accuracy for multiclass.
 */
export const VERDICT_METRIC: Record<HeadConfig['type'], { metric: string; higherIsBetter: boolean }> = {
  regression: { metric: 'rmse', higherIsBetter: false },
  binary: { metric: 'auc', higherIsBetter: true },
  multilabel: { metric: 'auc', higherIsBetter: true },
  multiclass: { metric: 'accuracy', higherIsBetter: true },
};

/**
 * The kit's baselines, from the training split's targets only: a regression head's training mean, a
 * classification head's training class shares (a constant guess: the majority class, AUC 0.5).
 */
export function trainingBaselines(spec: ModelSpec, trainYs: TensorMap, examples: number): Record<string, HeadBaselines> {
  return Object.fromEntries(
    Object.entries(spec.heads).map(([head, config]) => {
      const mean = Array.from(tf.tidy(() => trainYs[head].mean(0)).dataSync());
      const name = config.type === 'regression' ? 'training mean' : 'majority class (training shares)';
      return [head, { [name]: Array.from({ length: examples }, () => mean) }];
    }),
  );
}

/** The head's metrics (those `evaluate` reports for its type) of predictions `rows` against `labels`. */
export function scorePredictions(config: HeadConfig, head: string, labels: ArrayLike<number>, rows: number[][]): HeadMetricValues {
  const units = rows[0]?.length ?? 1;
  return Object.fromEntries(
    METRICS_BY_HEAD_TYPE[config.type].map((input) => {
      const metric = MetricConfigSchema.parse(input);
      const accumulator = createMetric(metric, head, config);
      accumulator.update(labels, Float32Array.from(rows.flat()), units);
      return [metric.name ?? metric.type, accumulator.result()];
    }),
  );
}

/**
 * A plain verdict on a head: does the model beat every naive baseline on the head's `VERDICT_METRIC`?
 * `skill` says which baseline came closest; `no skill` names the one it did not beat.
 */
export function baselineVerdict(config: HeadConfig, model: HeadMetricValues, baselines: Record<string, HeadMetricValues>): string {
  const { metric, higherIsBetter } = VERDICT_METRIC[config.type];
  const mine = model[metric];
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : String(v));
  const better = (a: number, b: number) => (higherIsBetter ? a > b : a < b);
  const ranked = Object.entries(baselines)
    .filter(([, m]) => Number.isFinite(m[metric]))
    .sort(([, a], [, b]) => (better(a[metric], b[metric]) ? -1 : 1));
  if (ranked.length === 0) return `no baseline to compare ${metric} with`;
  const [bestName, best] = ranked[0];
  if (!Number.isFinite(mine) || !better(mine, best[metric])) return `no skill: ${metric} ${f(mine)} is no better than the baseline "${bestName}" (${f(best[metric])})`;
  return `skill: ${metric} ${f(mine)} beats every naive baseline (the best, "${bestName}": ${f(best[metric])})`;
}
