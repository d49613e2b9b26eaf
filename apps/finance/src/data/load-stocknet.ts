import { loadStockNetPrices, readStockNetTweets, stockNetTickers } from '@mimo/data';
import { TickerSeries } from './build-examples';
import { newsByTradingDay, scoreTokens } from './news-sentiment';
import { PriceRow } from './price-rows';

/** StockNet's tweets span 2014-01-01..2016-01-01: the paper's period. */
export const STOCKNET_PERIOD = { from: '2014-01-01', to: '2016-01-01' };
/** The paper's split (Xu & Cohen 2018): train ..2015-08-01, validation ..2015-10-01, test ..2016-01-01. */
export const STOCKNET_SPLIT = { trainEnd: '2015-08-01', valEnd: '2015-10-01' };
/** `--tiny`: three tickers only. */
const TINY_TICKERS = ['AAPL', 'AMZN', 'GOOG'];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One ticker's prices (Adj Close for returns) and per-trading-day tweet sentiment vectors. */
async function loadTicker(ticker: string, dir: string): Promise<TickerSeries> {
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
  for await (const tweet of readStockNetTweets(ticker, { dir })) {
    const list = scores.get(tweet.day) ?? [];
    list.push(scoreTokens(tweet.tokens));
    scores.set(tweet.day, list);
  }
  return { ticker, rows, news: newsByTradingDay(rows.map((r) => r.day), scores) };
}

/** Every StockNet ticker (three with `tiny`) with prices and tweet vectors. */
export async function loadStockNet(dir: string, tiny: boolean): Promise<TickerSeries[]> {
  const tickers = tiny ? TINY_TICKERS : await stockNetTickers({ dir });
  const series: TickerSeries[] = [];
  for (const ticker of tickers) series.push(await loadTicker(ticker, dir));
  return series;
}
