import { nonFiniteExamples } from './finite';

describe('nonFiniteExamples', () => {
  it('names each example holding a NaN or an infinity, once', () => {
    expect(nonFiniteExamples(Float32Array.from([1, 2, NaN, 4, Infinity, -Infinity, 5, 6]), [4, 2])).toEqual([1, 2]);
    expect(nonFiniteExamples([1, 2, 3], [3])).toEqual([]);
    expect(nonFiniteExamples([], [0, 5])).toEqual([]);
  });
});
