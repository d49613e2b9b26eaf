import * as tf from '@tensorflow/tfjs';
import { windowedSplits } from './windowed-splits';

const DAY = 86_400_000;
const start = Date.UTC(2015, 0, 1);
// 30 days; feature 0 is the day number, feature 1 a price; the target of a day is that day's number
const days = Array.from({ length: 30 }, (_, i) => i);
const times = days.map((d) => start + d * DAY);
const steps = days.map((d) => [d, 100 + d]);
const options = { trainEnd: start + 20 * DAY, valEnd: start + 25 * DAY, window: { lookback: 3, horizon: 1 }, input: 'prices', head: 'next' };

describe('windowedSplits', () => {
  it('has no look-ahead: every window and its target stay inside its own period', () => {
    const splits = windowedSplits(steps, days, times, options);
    const bounds = { train: [0, 20], val: [20, 25], test: [25, 30] } as const;
    for (const name of ['train', 'val', 'test'] as const) {
      const [from, to] = bounds[name];
      expect(splits[name].windows.length).toBe(to - from - 3);
      for (const w of splits[name].windows) {
        expect(w.start).toBeGreaterThanOrEqual(from);
        expect(w.target).toBeLessThan(to);
        expect(w.target).toBeGreaterThanOrEqual(w.end); // the target is after every input step
      }
      const targets = splits[name].batch.ys.next.dataSync();
      expect(Math.max(...targets)).toBeLessThan(to);
      expect(Math.min(...targets)).toBeGreaterThanOrEqual(from + 3);
    }
    expect(splits.train.batch.xs.prices.shape).toEqual([17, 3, 2]);
  });

  it('normalises with statistics of the training period only, so later data cannot change training inputs', () => {
    const splits = windowedSplits(steps, days, times, options);
    const trainDays = days.slice(0, 20);
    const mean = trainDays.reduce((a, b) => a + b, 0) / 20;
    expect(splits.normalizer.toJSON().mean).toEqual([mean, 100 + mean]);
    // a crash in the test period changes val/test inputs, not training ones
    const shocked = steps.map((s, i) => (i >= 20 ? [s[0], s[1] * 10] : s));
    const other = windowedSplits(shocked, days, times, options);
    expect(other.train.batch.xs.prices.arraySync()).toEqual(splits.train.batch.xs.prices.arraySync());
    expect(other.normalizer.toJSON()).toEqual(splits.normalizer.toJSON());
    expect(other.test.batch.xs.prices.arraySync()).not.toEqual(splits.test.batch.xs.prices.arraySync());
    tf.dispose([splits, other].flatMap((s) => [s.train, s.val, s.test]).flatMap((part) => [...Object.values(part.batch.xs), ...Object.values(part.batch.ys)]));
  });

  it('rejects unsorted times and mismatched lengths', () => {
    expect(() => windowedSplits(steps, days, [...times].reverse(), options)).toThrow('windowedSplits: expected times in ascending order');
    expect(() => windowedSplits(steps, days.slice(1), times, options)).toThrow('windowedSplits: expected as many targets and times as steps (30), received 29 and 30');
  });
});
