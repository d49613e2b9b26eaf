import { ModelSpec } from '../../spec/model-spec';
import { TensorMap } from '../../synthetic/random-examples';
import { createMetric, defaultMetrics, MetricConfig } from './registry';
import { MetricAccumulator } from './metric-definition';

/** Numbers logged after a batch or an epoch, by name (`loss`, `<head>_loss`, `<head>_<metric>`, `val_…`). */
export type Logs = Record<string, number>;

interface NamedMetric {
  head: string;
  logName: string;
  accumulator: MetricAccumulator;
}

/**
 * The running metrics of every head for one pass over data (an epoch, a validation run): one accumulator per
 * configured metric, named `<head>_<name>` in the logs.
 */
export class HeadMetrics {
  private readonly metrics: NamedMetric[] = [];

  constructor(
    private readonly spec: ModelSpec,
    config: Record<string, MetricConfig[]> = {},
  ) {
    for (const name of Object.keys(config)) {
      if (!(name in spec.heads)) throw new Error(`metrics names head '${name}', which the spec does not have (heads: ${Object.keys(spec.heads).join(', ')})`);
    }
    for (const [head, headConfig] of Object.entries(spec.heads)) {
      const seen = new Set<string>();
      for (const metric of config[head] ?? defaultMetrics(headConfig)) {
        const name = metric.name ?? metric.type;
        if (seen.has(name)) throw new Error(`metric '${name}' appears twice for head '${head}'; give one of them a distinct \`name\``);
        seen.add(name);
        this.metrics.push({ head, logName: `${head}_${name}`, accumulator: createMetric(metric, head, headConfig) });
      }
    }
  }

  /** Names this pass logs, in order. */
  get names(): string[] {
    return this.metrics.map((m) => m.logName);
  }

  /** Adds one batch of targets and predictions (reads them from the backend once per head). */
  async update(yTrue: TensorMap, yPred: TensorMap): Promise<void> {
    for (const head of Object.keys(this.spec.heads)) {
      const headMetrics = this.metrics.filter((m) => m.head === head);
      if (headMetrics.length === 0) continue;
      const units = yPred[head].shape[1] ?? 1;
      const [truth, predicted] = await Promise.all([yTrue[head].data(), yPred[head].data()]);
      headMetrics.forEach((m) => m.accumulator.update(truth, predicted, units));
    }
  }

  /** Every metric's value; with `cheapOnly`, those that are cheap to recompute after every batch. */
  results(cheapOnly = false): Logs {
    return Object.fromEntries(this.metrics.filter((m) => !(cheapOnly && m.accumulator.costly)).map((m) => [m.logName, m.accumulator.result()]));
  }
}
