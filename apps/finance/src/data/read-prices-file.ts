import { checkTicker, DataError } from '@mimo/data';
import { checkAscending, parsePriceRow, PriceRow } from './price-rows';
import { readTableFile } from './read-table-file';

/** The ticker name of a prices file without a ticker column. */
export const SINGLE_SERIES = 'SERIES';

/**
 * A user's prices file (CSV or JSONL: date, open, high, low, close, volume, optional ticker, optional adjclose)
 * → rows per ticker, oldest first. Dates must ascend within each ticker: out-of-order rows are an error, not re-sorted.
 */
export async function readPricesFile(file: string): Promise<Map<string, PriceRow[]>> {
  const records = await readTableFile(file);
  if (records.length === 0) throw new DataError({ file }, 'expected price rows, received none');
  const series = new Map<string, { rows: PriceRow[]; lines: number[] }>();
  for (const { fields, line } of records) {
    const raw = fields.ticker;
    let ticker = SINGLE_SERIES;
    if (raw !== undefined && raw !== '') {
      try {
        ticker = checkTicker(String(raw).trim().toUpperCase());
      } catch (error) {
        throw new DataError({ file, line, column: 'ticker' }, (error as DataError).problem);
      }
    }
    const entry = series.get(ticker) ?? { rows: [], lines: [] };
    entry.rows.push(parsePriceRow(fields, { file, line }));
    entry.lines.push(line);
    series.set(ticker, entry);
  }
  for (const [ticker, { rows, lines }] of series) {
    checkAscending(rows.map((r) => r.day), (i) => ({ file, line: lines[i] }), ticker === SINGLE_SERIES ? '' : ` for ticker ${ticker}`);
  }
  return new Map([...series].map(([ticker, { rows }]) => [ticker, rows]));
}
