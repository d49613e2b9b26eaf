import { SplitOptionsSchema, selectRows, splitCounts } from './split-fractions';

describe('split fractions', () => {
  it('rounds counts so that they add up to the row count', () => {
    expect(splitCounts(10, { train: 0.8, val: 0.1, test: 0.1 })).toEqual([8, 1, 1]);
    expect(splitCounts(569, { train: 0.7, val: 0.15, test: 0.15 })).toEqual([398, 86, 85]);
    expect(splitCounts(2, { train: 0.5, val: 0.5, test: 0 })).toEqual([1, 1, 0]);
  });

  it('rejects fractions that do not add up to 1', () => {
    expect(() => SplitOptionsSchema.parse({ fractions: { train: 0.9, val: 0.2, test: 0 } })).toThrow('expected train + val + test = 1');
  });

  it('selects rows by index', () => {
    expect(selectRows(['a', 'b', 'c'], [2, 0])).toEqual(['c', 'a']);
  });
});
