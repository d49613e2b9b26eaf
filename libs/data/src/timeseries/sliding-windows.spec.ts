import { slidingWindows } from './sliding-windows';

describe('slidingWindows', () => {
  it('places lookback steps, then the target horizon steps later, every stride steps', () => {
    expect(slidingWindows(0, 6, { lookback: 3 })).toEqual([
      { start: 0, end: 3, target: 3 },
      { start: 1, end: 4, target: 4 },
      { start: 2, end: 5, target: 5 },
    ]);
    expect(slidingWindows(10, 20, { lookback: 2, horizon: 3, stride: 4 })).toEqual([
      { start: 10, end: 12, target: 14 },
      { start: 14, end: 16, target: 18 },
    ]);
  });

  it('never reaches outside [from, to)', () => {
    for (const w of slidingWindows(5, 17, { lookback: 4, horizon: 2, stride: 1 })) {
      expect(w.start).toBeGreaterThanOrEqual(5);
      expect(w.target).toBeLessThan(17);
    }
    expect(slidingWindows(0, 3, { lookback: 3 })).toEqual([]);
  });
});
