import * as path from 'path';
import { logReturns } from '../timeseries/returns';
import { windowedSplits } from '../timeseries/windowed-splits';
import { describeDataset } from '../testing/dataset-suite';
import { useTempDir, writeText } from '../testing/fixtures';
import { loadStockNetPrices, stockNetMovement, stockNetTickers } from './stocknet-prices';
import { dailyTweetSentiment, readStockNetTweets, stockNetTweetDays, StockNetTweet } from './stocknet-tweets';

describeDataset('StockNet', 'stocknet', (dir) => {
  it('has 88 price files and 25,711 tweet-day files for 87 tickers (GMRE has no tweets)', async () => {
    const tickers = await stockNetTickers({ dir });
    expect(tickers).toHaveLength(88);
    const days = await Promise.all(tickers.map((ticker) => stockNetTweetDays(ticker, { dir })));
    expect(days.filter((d) => d.length > 0)).toHaveLength(87);
    expect(days.reduce((n, d) => n + d.length, 0)).toBe(25711);
    expect(tickers.filter((_, i) => days[i].length === 0)).toEqual(['GMRE']);
  });

  it('reads AAPL prices 2012-09-04 … 2017-09-01 and skips the one null row of PTR, saying so', async () => {
    const aapl = await loadStockNetPrices('AAPL', { dir });
    expect([aapl.data.length, aapl.skipped]).toEqual([1258, 0]);
    expect([aapl.data[0].Date, aapl.data[1257].Date]).toEqual([Date.UTC(2012, 8, 4), Date.UTC(2017, 8, 1)]);
    const ptr = await loadStockNetPrices('PTR', { dir });
    expect(ptr.skipped).toBe(1);
  });

  it('makes price windows on the paper’s periods with no look-ahead, and movement labels', async () => {
    const aapl = (await loadStockNetPrices('AAPL', { dir })).data.filter((row) => Number(row.Date) >= Date.UTC(2014, 0, 1) && Number(row.Date) < Date.UTC(2016, 0, 1));
    const close = aapl.map((row) => Number(row['Adj Close']));
    const r = logReturns(close);
    const steps = r.map((v) => [v]);
    const times = aapl.slice(1).map((row) => Number(row.Date));
    const splits = windowedSplits(steps, r, times, { trainEnd: '2015-08-01', valEnd: '2015-10-01', window: { lookback: 5 } });
    const lastTrainTarget = times[splits.train.windows[splits.train.windows.length - 1].target];
    expect(lastTrainTarget).toBeLessThan(Date.UTC(2015, 7, 1));
    expect(times[splits.val.windows[0].start]).toBeGreaterThanOrEqual(Date.UTC(2015, 7, 1));
    expect(splits.train.batch.xs.series.shape[1]).toBe(5);
    expect([stockNetMovement(0.006), stockNetMovement(-0.006), stockNetMovement(0.001)]).toEqual([1, 0, null]);
  });

  it('streams AAPL tweets of January 2014 and gives daily financial-lexicon features', async () => {
    const tweets: StockNetTweet[] = [];
    for await (const tweet of readStockNetTweets('AAPL', { dir, from: '2014-01-01', to: '2014-02-01' })) tweets.push(tweet);
    expect(tweets.length).toBeGreaterThan(100);
    expect(new Set(tweets.map((t) => t.day.slice(0, 7)))).toEqual(new Set(['2014-01']));
    const daily = await dailyTweetSentiment('AAPL', { dir, from: '2014-01-01', to: '2014-02-01' });
    expect([...daily.values()].reduce((n, features) => n + features[0], 0)).toBe(tweets.length);
    expect(daily.get('2014-01-01')).toHaveLength(5);
  });
});

describe('StockNet tweets, bad input', () => {
  const dir = useTempDir();

  it('names file and line of a broken JSON line', async () => {
    const good = JSON.stringify({ text: ['$aapl', 'up'], created_at: 'Wed Jan 01 03:59:03 +0000 2014', user_id_str: '1' });
    const file = await writeText(dir(), 'stocknet/tweet/preprocessed/AAPL/2014-01-01', `${good}\n{"text": ["cut off"\n`);
    const read = async () => {
      for await (const tweet of readStockNetTweets('AAPL', { dir: path.join(dir(), 'stocknet') })) expect(tweet.tokens).toEqual(['$aapl', 'up']);
    };
    await expect(read()).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: expected a JSON object with text \\(a token list\\), created_at and user_id_str, received invalid JSON`));
    await writeText(dir(), 'stocknet/tweet/preprocessed/AAPL/2014-01-01', '{"text": "not a list", "created_at": "x", "user_id_str": "1"}\n');
    await expect(read()).rejects.toThrow(`${file}:1: expected a JSON object with text (a token list), created_at and user_id_str, received "{\\"text\\": \\"not a list\\"`);
  });

  it('rejects a ticker that is not one', async () => {
    await expect(stockNetTweetDays('../etc', { dir: dir() })).rejects.toThrow('expected a ticker of capital letters');
  });
});
