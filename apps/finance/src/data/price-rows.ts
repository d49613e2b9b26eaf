import { DataError, DataLocation } from '@mimo/data';
import { parseDay, parseNumber } from './read-table-file';

/** One trading day of one ticker. `adjClose` is the close the returns use (the adjusted close when the file has one). */
export interface PriceRow {
  day: string;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number;
  volume: number;
}

/** The required price columns, as users write them (lower case; `adjclose` / `adj close` optional). */
export const PRICE_COLUMNS = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;
const ADJ_CLOSE = ['adjclose', 'adj close', 'adj_close'];

/** One record's fields → a price row; every bad cell is a DataError naming file, line (or row) and column. */
export function parsePriceRow(fields: Record<string, unknown>, where: { file?: string; line?: number; row?: number; prefix?: string }): PriceRow {
  const { prefix, ...place } = where;
  const at = (column: string) => ({ ...place, column: prefix ? `${prefix}.${column}` : column });
  for (const column of PRICE_COLUMNS) {
    if (!(column in fields)) throw new DataError(at(column), `missing (price rows need ${PRICE_COLUMNS.join(', ')}; ticker and adjclose are optional)`);
  }
  const num = (column: string, positive: boolean) => parseNumber(fields[column], at(column), positive);
  const adjColumn = ADJ_CLOSE.find((c) => c in fields && fields[c] !== '');
  const row: PriceRow = {
    day: parseDay(fields.date, at('date')),
    open: num('open', true),
    high: num('high', true),
    low: num('low', true),
    close: num('close', true),
    adjClose: adjColumn ? num(adjColumn, true) : NaN,
    volume: num('volume', false),
  };
  if (Number.isNaN(row.adjClose)) row.adjClose = row.close;
  if (row.volume < 0) throw DataError.expected(at('volume'), 'a volume ≥ 0', fields.volume);
  if (row.high < row.low) throw DataError.expected(at('high'), `high ≥ low (${row.low})`, fields.high);
  return row;
}

/** Rows must go forward in time: a repeated or earlier date is an error naming both places. */
export function checkAscending(days: readonly string[], where: (i: number) => DataLocation, what: string): void {
  for (let i = 1; i < days.length; i++) {
    if (!(days[i] > days[i - 1])) {
      throw new DataError({ column: 'date', ...where(i) }, `dates out of order${what}: expected a date after ${days[i - 1]}, received ${days[i]} (sort the rows oldest first, one row per day)`);
    }
  }
}
