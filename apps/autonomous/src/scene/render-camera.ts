import { SeededRandom } from '@mimo/core';
import { roadCentre, Scene } from './scene';

export interface CameraOptions {
  /** Image side in pixels (square). Defaults to 32. */
  size?: number;
  /** Camera height above the road (m). Defaults to 1.2. */
  height?: number;
  /** Standard deviation of the Gaussian pixel noise (0–255 scale). Defaults to 6. */
  noise?: number;
}

type Rgb = readonly [number, number, number];
const SKY: Rgb = [120, 170, 230];
const GRASS: Rgb = [60, 130, 50];
const ROAD: Rgb = [90, 90, 95];
const MARKING: Rgb = [240, 240, 235];
const OBSTACLE: Rgb = [220, 80, 30];

function groundColour(scene: Scene, x: number, y: number): Rgb {
  const d = Math.abs(x - roadCentre(scene, y));
  if (d > scene.halfWidth) return GRASS;
  if (d > scene.halfWidth - 0.25) return MARKING; // edge lines
  if (d < 0.12 && y % 3 < 1.5) return MARKING; // dashed centre line
  return ROAD;
}

/**
 * Renders the front camera: a pinhole camera (90° field of view, horizon at 3/8 of the height) over the ground
 * plane — sky, grass, road with edge and dashed centre markings — with obstacles drawn as upright boxes, far to
 * near; then every pixel is scaled by the scene's lighting and gets Gaussian noise from `rng`.
 * Returns `[size, size, 3]` RGB as uint8, row-major.
 */
export function renderCamera(scene: Scene, rng: SeededRandom, options: CameraOptions = {}): Uint8Array {
  const size = options.size ?? 32;
  const camHeight = options.height ?? 1.2;
  const noise = options.noise ?? 6;
  const f = size / 2;
  const cx = size / 2;
  const horizon = Math.round((size * 3) / 8);
  const colours: Rgb[] = new Array(size * size);
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      if (v < horizon) {
        colours[v * size + u] = SKY;
        continue;
      }
      const y = (camHeight * f) / (v - horizon + 0.5);
      const x = ((u + 0.5 - cx) * y) / f;
      colours[v * size + u] = groundColour(scene, x, y);
    }
  }
  const visible = scene.obstacles.filter((o) => o.y > 0.5).sort((a, b) => b.y - a.y);
  for (const o of visible) {
    const centreU = cx + (f * o.x) / o.y;
    const halfW = Math.max(0.5, (f * o.radius) / o.y);
    const base = horizon + (f * camHeight) / o.y;
    const top = base - (f * o.height) / o.y;
    for (let v = Math.max(0, Math.floor(top)); v < Math.min(size, Math.ceil(base)); v++) {
      for (let u = Math.max(0, Math.floor(centreU - halfW)); u < Math.min(size, Math.ceil(centreU + halfW)); u++) colours[v * size + u] = OBSTACLE;
    }
  }
  const pixels = new Uint8Array(size * size * 3);
  for (let i = 0; i < size * size; i++) {
    for (let c = 0; c < 3; c++) {
      const value = colours[i][c] * scene.lighting + noise * rng.normal();
      pixels[i * 3 + c] = Math.max(0, Math.min(255, Math.round(value)));
    }
  }
  return pixels;
}
