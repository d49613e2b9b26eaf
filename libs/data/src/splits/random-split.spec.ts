import { randomSplit } from './random-split';

describe('randomSplit', () => {
  it('covers every row once, with the asked shares, the same for the same seed', () => {
    const split = randomSplit(100, { seed: 7 });
    expect([split.train.length, split.val.length, split.test.length]).toEqual([80, 10, 10]);
    expect([...split.train, ...split.val, ...split.test].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(randomSplit(100, { seed: 7 })).toEqual(split);
    expect(randomSplit(100, { seed: 8 })).not.toEqual(split);
  });
});
