import { loadStockNetPrices, readStockNetTweets, stockNetTickers } from '@mimo/data';
import { TickerSeries } from './build-examples';
import { byTradingDay, newsByTradingDay, scoreTokens } from './news-sentiment';
import { PriceRow } from './price-rows';
import { keepTweets } from './tweet-grid';

/** StockNet's tweets span 2014-01-01..2016-01-01: the paper's period. */
export const STOCKNET_PERIOD = { from: '2014-01-01', to: '2016-01-01' };
/** The paper's split (Xu & Cohen 2018): train ..2015-08-01, validation ..2015-10-01, test ..2016-01-01. */
export const STOCKNET_SPLIT = { trainEnd: '2015-08-01', valEnd: '2015-10-01' };
/** `--tiny`: three tickers only. */
const TINY_TICKERS = ['AAPL', 'AMZN', 'GOOG'];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Tweets kept per day and tokens per tweet, for the tweets input; null: the run does not read the tweets themselves. */
export type TweetSize = { texts: number; words: number } | null;

/**
 * One ticker's prices (Adj Close for returns), per-trading-day tweet sentiment vectors, and with `size` each
 * trading day's last tweets as tokens (every tweet is scored; only the kept ones are held in memory).
 */
async function loadTicker(ticker: string, dir: string, size: TweetSize): Promise<TickerSeries> {
  const prices = await loadStockNetPrices(ticker, { dir });
  const rows: PriceRow[] = prices.data.map((r) => ({
    day: isoDay(Number(r.Date)),
    open: Number(r.Open),
    high: Number(r.High),
    low: Number(r.Low),
    close: Number(r.Close),
    adjClose: Number(r['Adj Close']),
    volume: Number(r.Volume),
  }));
  const scores = new Map<string, number[]>();
  const tweets = new Map<string, string[][]>();
  for await (const tweet of readStockNetTweets(ticker, { dir })) {
    const dayScores = scores.get(tweet.day) ?? [];
    dayScores.push(scoreTokens(tweet.tokens));
    scores.set(tweet.day, dayScores);
    if (size) tweets.set(tweet.day, keepTweets([...(tweets.get(tweet.day) ?? []), tweet.tokens], size));
  }
  const days = rows.map((r) => r.day);
  return { ticker, rows, news: newsByTradingDay(days, scores), ...(size ? { texts: byTradingDay(days, tweets).map((day) => keepTweets(day, size)) } : {}) };
}

/** Every StockNet ticker (three with `tiny`) with prices, tweet vectors and, with `size`, the tweets' tokens. */
export async function loadStockNet(dir: string, tiny: boolean, size: TweetSize): Promise<TickerSeries[]> {
  const tickers = tiny ? TINY_TICKERS : await stockNetTickers({ dir });
  const series: TickerSeries[] = [];
  for (const ticker of tickers) series.push(await loadTicker(ticker, dir, size));
  return series;
}
