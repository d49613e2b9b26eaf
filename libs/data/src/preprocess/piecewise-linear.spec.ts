import { encodePiecewiseLinear, quantileEdges } from './piecewise-linear';

describe('piecewise-linear encoding', () => {
  it('puts the edges at the training quantiles', () => {
    expect(quantileEdges([0, 1, 2, 3, 4], 4)).toEqual([0, 1, 2, 3, 4]);
    expect(quantileEdges([0, 10], 2)).toEqual([0, 5, 10]);
  });

  it('merges the bins a repeated value would leave empty, and gives a constant column one bin', () => {
    expect(quantileEdges([5, 5, 5, 5, 1], 4)).toEqual([1, 5]);
    expect(quantileEdges([2, 2], 3)).toEqual([2, 3]);
  });

  it('encodes 0 below a bin, 1 above it and the position inside it', () => {
    const out = new Float32Array(6).fill(-1);
    encodePiecewiseLinear(2.5, [0, 1, 2, 3, 4], out, 1);
    expect(Array.from(out)).toEqual([-1, 1, 1, 0.5, 0, -1]);
    encodePiecewiseLinear(-7, [0, 1, 2], out, 0);
    encodePiecewiseLinear(9, [0, 1, 2], out, 2);
    expect(Array.from(out.subarray(0, 4))).toEqual([0, 0, 1, 1]);
  });
});
