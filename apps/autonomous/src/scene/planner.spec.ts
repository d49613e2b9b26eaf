import { blockingObstacles, planManoeuvre } from './planner';
import { Scene } from './scene';

const road = (over: Partial<Scene> = {}): Scene => ({ offset: 0, curvature: 0, halfWidth: 3, obstacles: [], lighting: 1, ...over });
const box = (x: number, y: number, radius = 0.5) => ({ x, y, radius, height: 1 });

describe('planManoeuvre', () => {
  it('goes forward on a clear straight road, centred', () => {
    expect(planManoeuvre(road())).toBe('forward');
  });

  it('steers slightly back to a lane centre beside it, sharply into a tight bend', () => {
    expect(planManoeuvre(road({ offset: -1.2 }))).toBe('slight_left');
    expect(planManoeuvre(road({ offset: 1.2 }))).toBe('slight_right');
    expect(planManoeuvre(road({ curvature: 0.08 }))).toBe('sharp_right');
    expect(planManoeuvre(road({ curvature: -0.08 }))).toBe('sharp_left');
  });

  it('stops for a blocking obstacle closer than 4 m, ignores one beside the corridor', () => {
    expect(planManoeuvre(road({ obstacles: [box(0.2, 3)] }))).toBe('stop');
    expect(planManoeuvre(road({ obstacles: [box(2.6, 3, 0.3)] }))).toBe('forward');
    expect(blockingObstacles(road({ obstacles: [box(2.6, 3, 0.3), box(0, 9), box(0.1, 6)] })).map((o) => o.y)).toEqual([6, 9]);
  });

  it('swerves towards the wider gap around a blocking obstacle further ahead', () => {
    expect(planManoeuvre(road({ obstacles: [box(0.8, 6)] }))).toMatch(/_left$/);
    expect(planManoeuvre(road({ obstacles: [box(-0.8, 6)] }))).toMatch(/_right$/);
  });
});
