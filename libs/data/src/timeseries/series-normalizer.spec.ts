import { SeriesNormalizer } from './series-normalizer';

describe('SeriesNormalizer', () => {
  it('fits per feature on a range of steps and round-trips through JSON', () => {
    const normalizer = SeriesNormalizer.fit([[1, 5], [3, 5], [100, 100]], 0, 2);
    expect(normalizer.toJSON()).toEqual({ mean: [2, 5], std: [1, 0] });
    expect(normalizer.apply([4, 6])).toEqual([2, 1]);
    expect(SeriesNormalizer.fromJSON(JSON.parse(JSON.stringify(normalizer))).apply([4, 6])).toEqual([2, 1]);
    expect(() => SeriesNormalizer.fit([[1]], 1, 1)).toThrow('SeriesNormalizer: expected at least one step in the training period, received none');
    expect(() => SeriesNormalizer.fromJSON({ mean: [1] })).toThrow('Invalid series normalizer state:');
  });
});
