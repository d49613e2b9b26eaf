import { Logs, ModelSpec } from '@mimo/core';

/** Metrics of one head by name (`loss`, `accuracy`, `auc`, …). */
export type HeadMetricValues = Record<string, number>;

/**
 * Flat trainer logs (`loss`, `outcome_loss`, `outcome_auc`, `val_…`) → `{ head: { metric: value } }` for the
 * spec's heads; `prefix` picks `val_` logs. Longest head name first, so `a_b` is never read as head `a`.
 */
export function nestMetrics(logs: Logs, spec: ModelSpec, prefix = ''): Record<string, HeadMetricValues> {
  const heads = Object.keys(spec.heads).sort((a, b) => b.length - a.length);
  const nested: Record<string, HeadMetricValues> = Object.fromEntries(Object.keys(spec.heads).map((h) => [h, {}]));
  for (const [key, value] of Object.entries(logs)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    const head = heads.find((h) => name.startsWith(`${h}_`));
    if (head) nested[head][name.slice(head.length + 1)] = value;
  }
  return nested;
}
