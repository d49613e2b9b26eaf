import { LoadResult, MemorySample } from './measure-load';

/** A markdown table of load results (as docs/serving.md shows them). */
export function formatLoadTable(results: readonly LoadResult[]): string {
  const rows = results.map((r) => `| ${r.model} | ${r.connections} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50Ms} | ${r.p99Ms} | ${r.requests} | ${r.errors} |`);
  return ['| model | clients | req/s | p50 ms | p99 ms | requests | errors |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

/** `rss 210 → 214 MB (max 220), heap 40 → 41 MB, tfjs tensors 12 → 12` from memory samples. */
export function formatMemory(samples: readonly MemorySample[]): string {
  const first = samples[0];
  const last = samples[samples.length - 1];
  const max = Math.max(...samples.map((s) => s.rssMb));
  return `rss ${first.rssMb.toFixed(0)} → ${last.rssMb.toFixed(0)} MB (max ${max.toFixed(0)}), heap ${first.heapMb.toFixed(0)} → ${last.heapMb.toFixed(0)} MB, tfjs tensors ${first.tensors} → ${last.tensors} (max ${Math.max(...samples.map((s) => s.tensors))}) over ${samples.length} samples`;
}
