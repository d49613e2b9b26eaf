import { roadCentre, Scene } from './scene';

export interface RangeScanOptions {
  /** Beams, evenly spaced clockwise from straight ahead (like the wall-following robot's 24 sensors). Defaults to 24. */
  beams?: number;
  /** Range of a beam that hits nothing (m). Defaults to 20. */
  maxRange?: number;
  /** Marching step (m). Defaults to 0.05. */
  step?: number;
}

function blocked(scene: Scene, x: number, y: number): boolean {
  // Behind the car the road continues straight from its current position.
  const centre = y > 0 ? roadCentre(scene, y) : scene.offset;
  if (Math.abs(x - centre) > scene.halfWidth) return true; // a barrier at the road edge
  return scene.obstacles.some((o) => (x - o.x) ** 2 + (y - o.y) ** 2 < o.radius ** 2);
}

/**
 * A 2-D range scan of the scene by ray marching: beam i points at i · 360° / beams clockwise from straight ahead
 * and returns the distance (m) to the first barrier or obstacle (to within one step, rounded to cm), or maxRange.
 */
export function castRanges(scene: Scene, options: RangeScanOptions = {}): number[] {
  const beams = options.beams ?? 24;
  const maxRange = options.maxRange ?? 20;
  const step = options.step ?? 0.05;
  return Array.from({ length: beams }, (_, i) => {
    const angle = (2 * Math.PI * i) / beams;
    const dx = Math.sin(angle);
    const dy = Math.cos(angle);
    for (let k = 1; k * step < maxRange; k++) {
      const r = k * step;
      if (blocked(scene, r * dx, r * dy)) return Math.round(r * 100) / 100;
    }
    return maxRange;
  });
}
