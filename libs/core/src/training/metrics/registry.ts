import { z } from 'zod';
import { HeadConfig } from '../../heads';
import { AccuracyConfig, AccuracyConfigSchema, accuracyMetric } from './accuracy';
import { AucConfig, AucConfigSchema, aucMetric } from './auc';
import { F1Config, F1ConfigSchema, f1Metric, PrecisionConfig, PrecisionConfigSchema, precisionMetric, RecallConfig, RecallConfigSchema, recallMetric } from './confusion';
import { MetricAccumulator, MetricDefinition } from './metric-definition';
import { R2Config, R2ConfigSchema, r2Metric } from './r2';
import { MaeConfig, MaeConfigSchema, maeMetric, MseConfig, MseConfigSchema, mseMetric, RmseConfig, RmseConfigSchema, rmseMetric } from './regression-errors';

const MetricObjectSchema = z.discriminatedUnion('type', [
  AccuracyConfigSchema,
  AucConfigSchema,
  PrecisionConfigSchema,
  RecallConfigSchema,
  F1ConfigSchema,
  MaeConfigSchema,
  MseConfigSchema,
  RmseConfigSchema,
  R2ConfigSchema,
]);

export type MetricConfig = AccuracyConfig | AucConfig | PrecisionConfig | RecallConfig | F1Config | MaeConfig | MseConfig | RmseConfig | R2Config;
export type MetricType = MetricConfig['type'];

/** A metric as a config object, or just its type (`'auc'`). */
export const MetricConfigSchema = z
  .preprocess((value) => (typeof value === 'string' ? { type: value } : value), MetricObjectSchema)
  .describe("A metric by type ('accuracy', 'auc', 'precision', 'recall', 'f1', 'mae', 'mse', 'rmse', 'r2') or as a config object.");

export type MetricConfigInput = MetricType | z.input<typeof MetricObjectSchema>;

/** Every metric by its `type`; the compiler fails when a config type has no definition. */
export const metrics: { [K in MetricType]: MetricDefinition<Extract<MetricConfig, { type: K }>> } = {
  accuracy: accuracyMetric,
  auc: aucMetric,
  precision: precisionMetric,
  recall: recallMetric,
  f1: f1Metric,
  mae: maeMetric,
  mse: mseMetric,
  rmse: rmseMetric,
  r2: r2Metric,
};

/** Metrics a head gets when the trainer config names none: accuracy for classifiers, MAE for regression. */
export function defaultMetrics(head: HeadConfig): MetricConfig[] {
  return head.type === 'regression' ? [{ type: 'mae' }] : [{ type: 'accuracy', threshold: 0.5 }];
}

/** A running metric for one head; throws when the metric does not apply to the head's type. */
export function createMetric(config: MetricConfig, headName: string, head: HeadConfig): MetricAccumulator {
  const definition = metrics[config.type] as MetricDefinition<MetricConfig>;
  if (!definition.appliesTo.includes(head.type)) {
    throw new Error(`metric '${config.type}' does not apply to ${head.type} head '${headName}' (it applies to: ${definition.appliesTo.join(', ')})`);
  }
  return definition.create(config, head);
}
