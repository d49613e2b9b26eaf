import { logReturns, returns } from './returns';

describe('returns', () => {
  it('gives simple and log returns, one shorter than the prices', () => {
    expect(returns([100, 110, 99])).toEqual([0.10000000000000009, -0.09999999999999998]);
    const logs = logReturns([100, 110, 99]);
    expect(logs[0]).toBeCloseTo(Math.log(1.1), 12);
    expect(logs[1]).toBeCloseTo(Math.log(0.9), 12);
    expect(returns([5])).toEqual([]);
  });

  it('names the step with a non-positive price', () => {
    expect(() => returns([1, 0, 2], 'Close')).toThrow('row 2: column "Close": expected a positive previous value, received 0');
    expect(() => logReturns([1, -1], 'Close')).toThrow('row 2: column "Close": expected a positive value, received -1');
  });
});
