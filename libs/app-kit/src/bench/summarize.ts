import { BASELINE_VARIANT } from './bench-variants';
import { BenchRun } from './bench-store';

/** Mean and sample standard deviation (0 for one value) of a list. */
export interface Stat {
  mean: number;
  std: number;
  n: number;
}

export function stat(values: readonly number[]): Stat {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std, n };
}

/** Every seed's run of one (app, variant, backend), summarised. */
export interface VariantSummary {
  app: string;
  variant: string;
  backend: string;
  seeds: number[];
  metrics: Record<string, Record<string, Stat>>;
  trainSeconds: Stat;
  samplesPerSecond: Stat | null;
  latencyMs: Stat;
  params: number;
  bundleBytes: Stat | null;
  epochs: Stat;
}

/** A variant against the baseline on the same seeds: the per-seed differences of one head metric. */
export interface PairedComparison {
  app: string;
  backend: string;
  variant: string;
  baseline: string;
  head: string;
  metric: string;
  /** variant − baseline, mean and spread over the shared seeds. */
  difference: Stat;
  /** Seeds on which the variant did better (higher, or lower for error metrics). */
  better: number;
}

/** Metrics where lower is better. */
const LOWER_IS_BETTER = new Set(['loss', 'rmse', 'mae', 'mse']);

/** The metric a head is compared on: AUC for binary and multilabel heads, accuracy for multiclass, RMSE for regression. */
export function keyMetric(metrics: Record<string, unknown>): string | undefined {
  return ['auc', 'accuracy', 'rmse', 'mae', 'loss'].find((m) => m in metrics);
}

const groupKey = (run: BenchRun) => `${run.app}\u0000${run.variant}\u0000${run.backend}`;

function groups(runs: readonly BenchRun[]): BenchRun[][] {
  const byKey = new Map<string, BenchRun[]>();
  for (const run of runs) byKey.set(groupKey(run), [...(byKey.get(groupKey(run)) ?? []), run]);
  return [...byKey.values()].map((list) => [...list].sort((a, b) => a.seed - b.seed));
}

const nonNull = <T>(values: (T | null)[]): T[] | null => (values.some((v) => v === null) ? null : (values as T[]));

export function summarizeRuns(runs: readonly BenchRun[]): VariantSummary[] {
  return groups(runs).map((list) => {
    const m = list.map((run) => run.measurement);
    const heads = Object.keys(m[0].metrics);
    const metrics = Object.fromEntries(
      heads.map((head) => [head, Object.fromEntries(Object.keys(m[0].metrics[head]).map((metric) => [metric, stat(m.map((x) => x.metrics[head][metric]))]))]),
    );
    const throughput = nonNull(m.map((x) => x.samplesPerSecond));
    const bytes = nonNull(m.map((x) => x.bundleBytes));
    return {
      app: list[0].app,
      variant: list[0].variant,
      backend: list[0].backend,
      seeds: list.map((run) => run.seed),
      metrics,
      trainSeconds: stat(m.map((x) => x.trainSeconds)),
      samplesPerSecond: throughput && stat(throughput),
      latencyMs: stat(m.map((x) => x.latencyMs)),
      params: m[0].params,
      bundleBytes: bytes && stat(bytes),
      epochs: stat(m.map((x) => x.epochs)),
    };
  });
}

/** Every variant against `baseline` (default: concat) of the same app and backend, seed by seed, on each head's key metric. */
export function pairedComparisons(runs: readonly BenchRun[], baseline = BASELINE_VARIANT): PairedComparison[] {
  const comparisons: PairedComparison[] = [];
  for (const list of groups(runs)) {
    const { app, variant, backend } = list[0];
    if (variant === baseline) continue;
    const base = new Map(runs.filter((r) => r.app === app && r.backend === backend && r.variant === baseline).map((r) => [r.seed, r]));
    const pairs = list.filter((run) => base.has(run.seed)).map((run) => [run, base.get(run.seed) as BenchRun] as const);
    if (pairs.length === 0) continue;
    for (const head of Object.keys(pairs[0][0].measurement.metrics)) {
      const metric = keyMetric(pairs[0][0].measurement.metrics[head]);
      if (!metric || !(head in pairs[0][1].measurement.metrics)) continue;
      const diffs = pairs.map(([run, ref]) => run.measurement.metrics[head][metric] - ref.measurement.metrics[head][metric]);
      const better = diffs.filter((d) => (LOWER_IS_BETTER.has(metric) ? d < 0 : d > 0)).length;
      comparisons.push({ app, backend, variant, baseline, head, metric, difference: stat(diffs), better });
    }
  }
  return comparisons;
}
