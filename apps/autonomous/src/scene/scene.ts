import { SeededRandom } from '@mimo/core';

/** A disc-shaped obstacle on the ground, in the ego frame (metres): x to the right, y forward. */
export interface Obstacle {
  x: number;
  y: number;
  radius: number;
  /** Height in metres (what the camera sees). */
  height: number;
}

/**
 * One generated driving scene in the ego frame: the ego car stands at the origin facing +y. The road's centre
 * line is `x = offset + curvature · y² / 2` (so `offset` is where the lane centre is, relative to the car), with
 * barriers at ± `halfWidth` from it.
 */
export interface Scene {
  /** Lateral position of the road centre at the car (m); positive: the road is to the car's right. */
  offset: number;
  /** Road curvature (1/m); positive bends right. */
  curvature: number;
  /** Half of the road width (m). */
  halfWidth: number;
  obstacles: Obstacle[];
  /** Brightness factor of the camera image (0.45 dusk … 1.15 glare). */
  lighting: number;
}

/** Road centre x at distance y ahead. */
export function roadCentre(scene: Scene, y: number): number {
  return scene.offset + (scene.curvature * y * y) / 2;
}

function uniform(rng: SeededRandom, min: number, max: number): number {
  return min + rng.next() * (max - min);
}

/** A random scene: road shape, 0–3 obstacles ahead, lighting. Draws only from `rng`, so a seed fixes it. */
export function randomScene(rng: SeededRandom): Scene {
  const halfWidth = uniform(rng, 2.5, 3.5);
  const scene: Scene = {
    offset: uniform(rng, -1.6, 1.6),
    curvature: rng.next() < 0.3 ? 0 : uniform(rng, -0.06, 0.06),
    halfWidth,
    obstacles: [],
    lighting: uniform(rng, 0.45, 1.15),
  };
  const count = rng.int(0, 4);
  for (let i = 0; i < count; i++) {
    const y = uniform(rng, 2.5, 16);
    const x = roadCentre(scene, y) + uniform(rng, -halfWidth * 0.8, halfWidth * 0.8);
    scene.obstacles.push({ x, y, radius: uniform(rng, 0.3, 0.8), height: uniform(rng, 0.6, 1.6) });
  }
  return scene;
}
