import { TensorMap } from '@mimo/core';
import { DataError, expectRecordObjects } from '@mimo/data';
import { restorePreprocessing } from './finance-preprocessing';
import { exampleInputs } from './example-tensors';
import { newsByTradingDay, scoreText, tweetTokens } from './news-sentiment';
import { priceFeatures } from './price-features';
import { checkAscending, parsePriceRow } from './price-rows';
import { parseDay } from './read-table-file';

const EXPECTED = '{"prices": [{"date", "open", "high", "low", "close", "volume"}, …], "news": [{"date", "text"}, …], "tweets": [["text", …], …]}';

function list(record: Record<string, unknown>, key: string, row: number, optional: boolean): Record<string, unknown>[] {
  const value = record[key];
  if (value === undefined && optional) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
    throw DataError.expected({ row, column: key }, `a list of objects (a record is ${EXPECTED})`, value === undefined ? undefined : JSON.stringify(value));
  }
  return value.map((v) => Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k.toLowerCase(), x])));
}

/**
 * A record's `tweets`: at most `newsDays` days, oldest first, the last being the window's last day, each a list
 * of tweet texts → StockNet-style tokens (absent: no tweets).
 */
function decodeTweets(record: Record<string, unknown>, row: number, newsDays: number): string[][][] {
  const value = record.tweets;
  if (value === undefined) return [];
  const dayLists = Array.isArray(value) && value.length <= newsDays && value.every((day) => Array.isArray(day) && day.every((text) => typeof text === 'string'));
  if (!dayLists) {
    throw DataError.expected({ row, column: 'tweets' }, `at most ${newsDays} lists of tweet texts, one per day, oldest first (the last is the window's last day)`, JSON.stringify(value));
  }
  const days = (value as string[][]).map((day) => day.map(tweetTokens));
  return [...Array.from({ length: newsDays - days.length }, () => []), ...days];
}

/** One record → its raw window, news days and tweets, with the bundle's lookback and news days. */
function decodeRecord(record: Record<string, unknown>, row: number, lookback: number, newsDays: number): { window: number[][]; news: number[][]; texts: string[][][] } {
  const prices = list(record, 'prices', row, false).map((fields, k) => parsePriceRow(fields, { row, prefix: `prices[${k}]` }));
  if (prices.length < lookback + 1) throw DataError.expected({ row, column: 'prices' }, `at least ${lookback + 1} price rows (the model's ${lookback}-day window and the day before it), oldest first`, `${prices.length} rows`);
  checkAscending(prices.map((p) => p.day), (k) => ({ row, column: `prices[${k}].date` }), '');
  const rows = prices.slice(-(lookback + 1));
  const last = rows[rows.length - 1].day;
  const scores = new Map<string, number[]>();
  list(record, 'news', row, true).forEach((item, k) => {
    const day = parseDay(item.date, { row, column: `news[${k}].date` });
    if (day > last) throw DataError.expected({ row, column: `news[${k}].date` }, `a date on or before the window's last day ${last} (later news would be look-ahead)`, item.date);
    if (typeof item.text !== 'string' || item.text.trim() === '') throw DataError.expected({ row, column: `news[${k}].text` }, 'a non-empty text', item.text);
    scores.set(day, [...(scores.get(day) ?? []), scoreText(item.text)]);
  });
  const news = newsByTradingDay(rows.map((r) => r.day), scores);
  return { window: rows.slice(1).map((_, k) => priceFeatures(rows, k + 1)), news: news.slice(-newsDays), texts: decodeTweets(record, row, newsDays) };
}

/**
 * `predict --input` records (JSON lines): `prices`, at least lookback + 1 daily rows oldest first (the window and
 * the close before it), and optional `news` items for those days. Scored and normalised with the bundle's
 * saved preprocessing; without news the news days are empty vectors (has_news 0), as in training without --news.
 * A bundle with the tweets input also reads optional `tweets`, each day's tweet texts (absent: days without tweets).
 */
export async function decodeFinanceRecords(records: Record<string, unknown>[], bundle: { preprocessing?: unknown }): Promise<TensorMap> {
  if (bundle.preprocessing === undefined) throw new Error('the bundle has no preprocessing.json, so raw records cannot be decoded');
  const pre = restorePreprocessing(bundle.preprocessing);
  expectRecordObjects(records, 'a record object with "prices" (and optional "news")');
  // Trained on empty news vectors only (no --news): real news would be far outside what the model saw.
  const sawNews = pre.news.state.std.some((s) => s > 0);
  const withNews = records.findIndex((r) => Array.isArray(r.news) && r.news.length > 0);
  if (!sawNews && withNews >= 0) throw new DataError({ row: withNews + 1, column: 'news' }, 'this bundle was trained without news (no --news file), so it cannot use news: leave "news" out');
  const withTweets = records.findIndex((r) => r.tweets !== undefined);
  if (!pre.tweets && withTweets >= 0) throw new DataError({ row: withTweets + 1, column: 'tweets' }, 'this bundle does not read tweets (only a StockNet model with the tweets input does): leave "tweets" out');
  const decoded = records.map((record, i) => decodeRecord(record, i + 1, pre.state.lookback, pre.state.newsDays));
  return exampleInputs(decoded, pre);
}
