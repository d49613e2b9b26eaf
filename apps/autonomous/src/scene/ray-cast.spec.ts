import { castRanges } from './ray-cast';
import { Scene } from './scene';

const straight: Scene = { offset: 0, curvature: 0, halfWidth: 3, obstacles: [], lighting: 1 };

describe('castRanges', () => {
  it('measures the barriers of a straight road and nothing ahead or behind', () => {
    const ranges = castRanges(straight);
    expect(ranges).toHaveLength(24);
    expect(ranges[0]).toBe(20); // straight ahead: max range
    expect(ranges[12]).toBe(20); // straight behind
    expect(ranges[6]).toBeCloseTo(3, 1); // right, 90°
    expect(ranges[18]).toBeCloseTo(3, 1); // left
    expect(ranges[3]).toBeCloseTo(3 / Math.sin(Math.PI / 4), 1); // 45° right
  });

  it('sees an obstacle ahead at its near edge', () => {
    const ranges = castRanges({ ...straight, obstacles: [{ x: 0, y: 10, radius: 1, height: 1 }] });
    expect(ranges[0]).toBeGreaterThanOrEqual(9);
    expect(ranges[0]).toBeLessThanOrEqual(9.05); // within one marching step
  });

  it('takes the beam count and the maximum range', () => {
    expect(castRanges(straight, { beams: 8, maxRange: 2 })).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
  });
});
