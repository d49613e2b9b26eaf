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

/** a's median ÷ b's; under 1 with two decimals, so a ratio near a line such as 0.83 (within 1.2×) reads as it is. */
export const ratio = (a: Measurement | string | undefined, b: Measurement | string | undefined): string => {
  if (typeof a !== 'object' || typeof b !== 'object' || !(b.median > 0)) return '-';
  const value = a.median / b.median;
  return `${value.toFixed(value < 1 ? 2 : 1)}×`;
};

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
