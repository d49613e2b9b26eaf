import { computeHistogram } from './histogram';

describe('computeHistogram', () => {
  it('counts every finite value once and reports min, max, sum and sum of squares', () => {
    const values = [-3, -0.5, 0, 0, 1e-3, 2, 2, 7.25, 1e6];
    const h = computeHistogram(values);
    expect(h.num).toBe(values.length);
    expect(h.min).toBe(-3);
    expect(h.max).toBe(1e6);
    expect(h.sum).toBeCloseTo(values.reduce((a, b) => a + b, 0), 9);
    expect(h.sumSquares).toBeCloseTo(values.reduce((a, b) => a + b * b, 0), 3);
    expect(h.bucket.reduce((a, b) => a + b, 0)).toBe(values.length);
    expect(h.bucket.length).toBe(h.bucketLimit.length);
  });

  it('puts each value below its bucket limit and above the previous one', () => {
    const values = [-10, -1, 0.25, 0.3, 4, 4.1, 100];
    const h = computeHistogram(values);
    for (const v of values) {
      const i = h.bucketLimit.findIndex((limit) => limit > v);
      expect(h.bucket[i]).toBeGreaterThan(0);
      if (i > 0) expect(h.bucketLimit[i - 1]).toBeLessThanOrEqual(v);
    }
  });

  it('collapses runs of empty buckets and ends at DBL_MAX', () => {
    const h = computeHistogram([1, 1, 1]);
    expect(h.bucketLimit.length).toBe(3); // empty run below, the bucket holding 1, empty run above
    expect(h.bucket).toEqual([0, 3, 0]);
    expect(h.bucketLimit[2]).toBe(Number.MAX_VALUE);
    for (let i = 1; i < h.bucketLimit.length; i++) expect(h.bucketLimit[i]).toBeGreaterThan(h.bucketLimit[i - 1]);
  });

  it('leaves out NaN and ±Infinity; an empty histogram has num 0 and min = max = 0', () => {
    expect(computeHistogram([NaN, 1, Infinity, -Infinity]).num).toBe(1);
    const empty = computeHistogram([NaN]);
    expect(empty).toMatchObject({ num: 0, min: 0, max: 0, sum: 0, bucket: [0], bucketLimit: [Number.MAX_VALUE] });
  });
});
