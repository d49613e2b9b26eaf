import { DataError } from '@mimo/data';
import { parseDay, readTableFile } from './read-table-file';
import { SINGLE_SERIES } from './read-prices-file';

/** One dated news item or tweet. */
export interface NewsItem {
  day: string;
  text: string;
  /** The ticker it is about; absent: about every ticker of the prices file. */
  ticker?: string;
}

/**
 * A news / tweets file (CSV or JSONL: date, text, optional ticker) → items. Empty text and a ticker the prices
 * file does not have are errors naming file, line and column.
 */
export async function readNewsFile(file: string, tickers: ReadonlySet<string>): Promise<NewsItem[]> {
  const records = await readTableFile(file);
  return records.map(({ fields, line }) => {
    const day = parseDay(fields.date, { file, line, column: 'date' });
    if (typeof fields.text !== 'string' || fields.text.trim() === '') throw DataError.expected({ file, line, column: 'text' }, 'a non-empty text', fields.text);
    const raw = fields.ticker;
    if (raw === undefined || raw === '') return { day, text: fields.text };
    const ticker = String(raw).trim().toUpperCase();
    if (!tickers.has(ticker)) {
      const known = [...tickers].filter((t) => t !== SINGLE_SERIES);
      throw DataError.expected({ file, line, column: 'ticker' }, known.length ? `a ticker of the prices file (${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''})` : 'no ticker (the prices file has no ticker column)', raw);
    }
    return { day, text: fields.text, ticker };
  });
}
