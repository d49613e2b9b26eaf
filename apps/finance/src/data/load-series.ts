import { DataCard } from '@mimo/app-kit';
import { TickerSeries } from './build-examples';
import { attachNews } from './load-prices-with-news';
import { loadStockNet, TweetSize } from './load-stocknet';
import { readPricesFile } from './read-prices-file';
import { FinanceSource } from './resolve-data';

/** `--tiny` on a prices file: its last 400 rows per ticker. */
const TINY_ROWS = 400;

export interface LoadedSeries {
  series: TickerSeries[];
  card: DataCard;
}

function cardFor(source: FinanceSource, series: TickerSeries[], news: string | null): DataCard {
  const days = series.flatMap((s) => [s.rows[0].day, s.rows[s.rows.length - 1].day]).sort();
  const span = `${days[0]}..${days[days.length - 1]}`;
  if (source.kind === 'stocknet') {
    return {
      name: 'StockNet',
      source: source.dir,
      real: [`daily prices of ${series.length} stocks (Open, High, Low, Close, Adj Close, Volume), ${span}`, 'tweets 2014-2015 (StockNet, tokenised), scored with the AFINN-165 financial market news lexicon'],
      simulated: [],
    };
  }
  const prices = `daily open, high, low, close, volume of ${series.length === 1 ? 'one series' : `${series.length} tickers`}, ${span}`;
  return {
    name: source.kind === 'sp500' ? 'S&P 500' : 'prices file',
    source: source.file,
    real: [prices, news ? `news / tweets of ${news}, scored with the AFINN-165 financial market news lexicon` : 'no news: the news input is an empty vector (has_news = 0) on every day'],
    simulated: [],
  };
}

const cache = new Map<string, Promise<LoadedSeries>>();

async function load(source: FinanceSource, news: string | null, tiny: boolean, tweets: TweetSize): Promise<LoadedSeries> {
  if (source.kind === 'stocknet') {
    if (news) throw new Error('--news: StockNet brings its own tweets; --news goes with a prices file or the default S&P 500 data');
    const series = await loadStockNet(source.dir, tiny, tweets);
    return { series, card: cardFor(source, series, null) };
  }
  const prices = await readPricesFile(source.file);
  if (tiny) for (const [ticker, rows] of prices) prices.set(ticker, rows.slice(-TINY_ROWS));
  const series = await attachNews(prices, news);
  return { series, card: cardFor(source, series, news) };
}

/**
 * Loads a source's series once per process (evaluate, predict and report re-prepare the same data); `tweets`:
 * StockNet's tweets kept as tokens, this many per day (null: only their sentiment vectors).
 */
export function loadSeries(source: FinanceSource, news: string | null, tiny: boolean, tweets: TweetSize = null): Promise<LoadedSeries> {
  const key = JSON.stringify([source, news, tiny, tweets]);
  const cached = cache.get(key) ?? load(source, news, tiny, tweets);
  cache.set(key, cached);
  cached.catch(() => cache.delete(key));
  return cached;
}
