import { SeededRandom } from '@mimo/core';
import { randomScene, roadCentre } from './scene';

describe('randomScene', () => {
  it('is fixed by its seed', () => {
    expect(randomScene(new SeededRandom(3))).toEqual(randomScene(new SeededRandom(3)));
    expect(randomScene(new SeededRandom(3))).not.toEqual(randomScene(new SeededRandom(4)));
  });

  it('puts 0–3 obstacles on the road ahead, within the documented ranges', () => {
    const rng = new SeededRandom(1);
    for (let i = 0; i < 200; i++) {
      const scene = randomScene(rng);
      expect(scene.obstacles.length).toBeLessThanOrEqual(3);
      expect(scene.lighting).toBeGreaterThanOrEqual(0.45);
      expect(scene.lighting).toBeLessThanOrEqual(1.15);
      for (const o of scene.obstacles) {
        expect(o.y).toBeGreaterThan(2);
        expect(Math.abs(o.x - roadCentre(scene, o.y))).toBeLessThan(scene.halfWidth);
      }
    }
  });

  it('bends the road centre with the curvature', () => {
    const scene = { offset: 1, curvature: 0.04, halfWidth: 3, obstacles: [], lighting: 1 };
    expect(roadCentre(scene, 0)).toBe(1);
    expect(roadCentre(scene, 10)).toBeCloseTo(3);
  });
});
