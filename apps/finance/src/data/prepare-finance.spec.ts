import * as tf from '@tensorflow/tfjs';
import { SeriesNormalizer } from '@mimo/data';
import { describeDataset } from '@mimo/data/testing';
import { readFileSync } from 'fs';
import { decodeFinanceRecords } from './decode-finance-records';
import { exampleInputs } from './example-tensors';
import { loadFinanceDataset } from './prepare-finance';
import { defaultPricesFile } from './resolve-data';

describe('the tiny S&P 500 dataset', () => {
  it('fits the normalisers on the training windows only, and restores them without refitting', async () => {
    const { splits, preprocessing } = await loadFinanceDataset({ seed: 1, tiny: true });
    const trainOnly = SeriesNormalizer.fit(splits.train.flatMap((e) => e.window)).state;
    const everything = SeriesNormalizer.fit([...splits.train, ...splits.val, ...splits.test].flatMap((e) => e.window)).state;
    expect(preprocessing.prices.state).toEqual(trainOnly);
    expect(preprocessing.prices.state.std[0]).not.toBeCloseTo(everything.std[0], 3);
    const restored = await loadFinanceDataset({ seed: 1, tiny: true, preprocessing: preprocessing.state });
    expect(restored.preprocessing.state).toEqual(preprocessing.state);
    expect(restored.splits.test.map((e) => e.targetDay)).toEqual(splits.test.map((e) => e.targetDay));
    const last = (list: { targetDay: string }[]) => list[list.length - 1].targetDay;
    expect(last(splits.train) < splits.val[0].targetDay && last(splits.val) < splits.test[0].targetDay).toBe(true);
  });

  it('decodes a predict record of raw price rows into the same tensors as the prepared test example', async () => {
    const { splits, preprocessing } = await loadFinanceDataset({ seed: 1, tiny: true });
    const example = splits.test[splits.test.length - 1];
    const lines = readFileSync(defaultPricesFile(), 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
    const end = rows.findIndex((r) => r.date === example.day);
    const record = { prices: rows.slice(end - preprocessing.state.lookback - 3, end + 1) };
    const decoded = await decodeFinanceRecords([record], { preprocessing: preprocessing.state });
    const expected = exampleInputs([example], preprocessing);
    for (const input of ['prices', 'news']) {
      expect(decoded[input].shape).toEqual(expected[input].shape);
      expect(Math.max(...Array.from(tf.sub(decoded[input], expected[input]).abs().dataSync()))).toBeLessThan(1e-4);
    }
    tf.dispose([...Object.values(decoded), ...Object.values(expected)]);
  });

  it('names the record and field of a bad predict record', async () => {
    const { preprocessing } = await loadFinanceDataset({ seed: 1, tiny: true });
    const row = (date: string, close: unknown) => ({ date, open: 10, high: 11, low: 9, close, volume: 5 });
    const days = ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08', '2020-01-09'];
    const good = days.map((d) => row(d, 10));
    await expect(decodeFinanceRecords([{ prices: good }, { prices: good.slice(2) }], { preprocessing: preprocessing.state })).rejects.toThrow('row 2: column "prices": expected at least 6 price rows');
    await expect(decodeFinanceRecords([{ prices: [...good.slice(0, 5), row('2020-01-09', 'x')] }], { preprocessing: preprocessing.state })).rejects.toThrow('row 1: column "prices[5].close": expected a positive number, received "x"');
    await expect(decodeFinanceRecords([{ prices: [...good.slice(0, 5), row('2020-01-07', 10)] }], { preprocessing: preprocessing.state })).rejects.toThrow('row 1: column "prices[5].date": dates out of order');
    await expect(decodeFinanceRecords([{ window: good }], { preprocessing: preprocessing.state })).rejects.toThrow('row 1: column "prices": expected a list of objects');
  });
});

describeDataset('the tiny StockNet dataset', 'stocknet', (dir) => {
  it("uses the paper's time split and movement thresholds, with per-day tweet vectors", async () => {
    const { splits, card, preprocessing } = await loadFinanceDataset({ data: dir, seed: 1, tiny: true });
    expect(card.name).toBe('StockNet');
    expect(preprocessing.state).toMatchObject({ direction: 'stocknet', trainEnd: '2015-08-01', valEnd: '2015-10-01', news: null });
    const all = [...splits.train, ...splits.val, ...splits.test];
    expect(all.every((e) => e.targetDay >= '2014-01-01' && e.targetDay < '2016-01-01')).toBe(true);
    expect(all.every((e) => e.nextReturn > 0.55 || e.nextReturn < -0.5)).toBe(true);
    expect(splits.test.every((e) => e.targetDay >= '2015-10-01')).toBe(true);
    // AAPL has tweets on most days: the last news day of most windows is not empty.
    expect(all.filter((e) => e.news[e.news.length - 1][0] === 1).length / all.length).toBeGreaterThan(0.9);
  });
});

describeDataset('the tiny StockNet dataset with its tweets', 'stocknet', (dir) => {
  it("reads each window's days of tweets as token ids, with a vocabulary of the training period, and restores them", async () => {
    const { splits, preprocessing } = await loadFinanceDataset({ data: dir, seed: 1, tiny: true });
    const grid = preprocessing.tweets!;
    expect(grid.state).toMatchObject({ texts: 4, words: 8 });
    expect(grid.vocabSize).toBeGreaterThan(100);
    const example = splits.test[10];
    expect(example.texts).toHaveLength(preprocessing.state.newsDays);
    const { tweets } = exampleInputs([example], preprocessing);
    expect(tweets.shape).toEqual([1, preprocessing.state.newsDays, 4, 8]);
    // A day's news vector says it had tweets exactly when its grid row holds any.
    const ids = tweets.arraySync() as number[][][][];
    expect(ids[0].map((day) => day.some((tweet) => tweet.some((id) => id > 0)))).toEqual(example.news.map((day) => day[0] === 1));
    const restored = await loadFinanceDataset({ data: dir, seed: 1, tiny: true, preprocessing: preprocessing.state });
    expect(restored.preprocessing.tweets!.state).toEqual(grid.state);
    tweets.dispose();
  });

  it('leaves the tweets out when --inputs does not name them, and refuses tweets in a record for such a bundle', async () => {
    const { preprocessing, splits } = await loadFinanceDataset({ data: dir, seed: 1, tiny: true, inputs: ['prices', 'news'] });
    expect(preprocessing.tweets).toBeUndefined();
    expect(splits.train[0].texts).toBeUndefined();
    const days = ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08', '2020-01-09'];
    const prices = days.map((date) => ({ date, open: 10, high: 11, low: 9, close: 10, volume: 5 }));
    await expect(decodeFinanceRecords([{ prices, tweets: [['$aapl up']] }], { preprocessing: preprocessing.state })).rejects.toThrow('row 1: column "tweets": this bundle does not read tweets');
  });
});
