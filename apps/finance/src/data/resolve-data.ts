import { datasetsDir } from '@mimo/data';
import { existsSync, statSync } from 'fs';
import * as path from 'path';

/** The default data: S&P 500 daily OHLCV 2000-01-03..2020-04-17, shipped in the vega-datasets npm package. */
export function defaultPricesFile(): string {
  // The package exports only its JS entry (build/index.js); the data folder sits beside build/.
  return path.join(path.dirname(require.resolve('vega-datasets')), '..', 'data', 'sp500-2000.csv');
}

/** Which loader a `--data` value needs. */
export type FinanceSource = { kind: 'sp500'; file: string } | { kind: 'stocknet'; dir: string } | { kind: 'file'; file: string };

/**
 * `--data` → source: none or `sp500` → the default S&P 500 file; `stocknet` (under `$MIMO_DATASETS`, else
 * `../shared/datasets`) or a folder holding `price/raw/` → StockNet; a `.csv` / `.jsonl` → a user's prices file.
 */
export function resolveFinanceData(data?: string): FinanceSource {
  if (data === undefined || (data === 'sp500' && !existsSync(data))) return { kind: 'sp500', file: defaultPricesFile() };
  const target = data === 'stocknet' && !existsSync(data) ? path.join(datasetsDir(), 'stocknet') : data;
  if (!existsSync(target)) throw new Error(`--data: ${target} does not exist`);
  if (statSync(target).isDirectory()) {
    if (existsSync(path.join(target, 'price', 'raw'))) return { kind: 'stocknet', dir: target };
    throw new Error(`--data: ${target}: a folder without StockNet's price/raw/ (give a prices .csv / .jsonl, 'stocknet' or 'sp500')`);
  }
  if (target.endsWith('.csv') || target.endsWith('.jsonl')) return { kind: 'file', file: target };
  throw new Error(`--data: ${target}: expected a prices .csv or .jsonl (date, open, high, low, close, volume, optional ticker), 'sp500' or 'stocknet'`);
}
