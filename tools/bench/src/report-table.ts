import { Measurement } from './measure';

/** One row per model: samples/s per backend (median ± spread), ratios against torch. */
export interface BenchRow {
  /** A bench model's name, or `app:<name>`. */
  model: string;
  description: string;
  results: Record<string, Measurement | string>;
}

const fmt = (value: Measurement | string | undefined): string => {
  if (value === undefined) return '-';
  if (typeof value === 'string') return value;
  return `${Math.round(value.median).toLocaleString('en-US')} (±${Math.round((value.spread * 100) / 2)}%)`;
};

const ratio = (a: Measurement | string | undefined, b: Measurement | string | undefined): string =>
  typeof a === 'object' && typeof b === 'object' && b.median > 0 ? `${(a.median / b.median).toFixed(1)}×` : '-';

/** A markdown table: samples/s, median of the repetitions (± half the max−min spread). */
export function formatTable(rows: BenchRow[], backends: string[]): string {
  const header = ['model', ...backends.map((b) => `${b} samples/s`), 'torch ÷ cpu', 'torch ÷ wasm', 'PyTorch step time ÷ torch step time'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    const r = row.results;
    const cells = [row.description, ...backends.map((b) => fmt(r[b])), ratio(r.torch, r.cpu), ratio(r.torch, r.wasm), ratio(r.torch, r.PyTorch)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
