import { promises as fs } from 'fs';
import * as path from 'path';
import { DataError } from '../errors/data-error';
import { TableSchemaInput } from '../tabular/table-schema';
import { datasetPath } from './datasets-dir';
import { readDatasetFile, TabularDataset } from './tabular-dataset';

/** StockNet's movement thresholds (Xu & Cohen 2018): up above +0.55 %, down below −0.5 %, else dropped. */
export const STOCKNET_UP = 0.0055;
export const STOCKNET_DOWN = -0.005;

/** Date → time; the six price columns are numeric input `prices`. A 'null' row (a few files have one) is bad. */
export const STOCKNET_PRICE_SCHEMA: TableSchemaInput = {
  columns: {
    Date: { type: 'time' },
    ...Object.fromEntries(['Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'].map((name) => [name, { type: 'numeric', input: 'prices' } as const])),
  },
  missingMarkers: ['', 'null'],
};

const TICKER = /^[A-Z][A-Z.-]*$/;

export function checkTicker(ticker: string): string {
  if (!TICKER.test(ticker)) throw new DataError({}, `expected a ticker of capital letters, '.' and '-' (e.g. AAPL, BRK-A), received ${JSON.stringify(ticker)}`);
  return ticker;
}

/** Tickers with a price file, sorted. */
export async function stockNetTickers(options: { dir?: string } = {}): Promise<string[]> {
  const files = await fs.readdir(path.join(datasetPath('stocknet', options.dir), 'price', 'raw'));
  return files.filter((file) => file.endsWith('.csv')).map((file) => file.slice(0, -4)).sort();
}

/** Daily prices of one ticker, oldest first; rows with missing prices are skipped and counted in `skipped`. */
export async function loadStockNetPrices(ticker: string, options: { dir?: string } = {}): Promise<TabularDataset> {
  const file = path.join(datasetPath('stocknet', options.dir), 'price', 'raw', `${checkTicker(ticker)}.csv`);
  const dataset = await readDatasetFile(`stocknet/${ticker}`, file, STOCKNET_PRICE_SCHEMA, true);
  dataset.data.sort((a, b) => Number(a.Date) - Number(b.Date));
  return dataset;
}

/** StockNet's label of a daily return: 1 up, 0 down, null in between (the paper drops those days). */
export function stockNetMovement(dailyReturn: number): 1 | 0 | null {
  return dailyReturn > STOCKNET_UP ? 1 : dailyReturn < STOCKNET_DOWN ? 0 : null;
}
