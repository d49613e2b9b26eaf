import { MetricConfigInput, ModelSpec } from '@mimo/core';

/** The metrics the kit reports per head type: what the trainer logs and `evaluate` writes. */
export const METRICS_BY_HEAD_TYPE: Record<ModelSpec['heads'][string]['type'], MetricConfigInput[]> = {
  binary: ['accuracy', 'auc', 'precision', 'recall', 'f1'],
  multiclass: ['accuracy', 'f1'],
  multilabel: ['accuracy', 'auc', 'f1'],
  regression: ['mae', 'rmse', 'r2'],
};

/** Trainer `metrics` for every head of a spec. */
export function headMetricConfigs(spec: ModelSpec): Record<string, MetricConfigInput[]> {
  return Object.fromEntries(Object.entries(spec.heads).map(([head, config]) => [head, METRICS_BY_HEAD_TYPE[config.type]]));
}
