import { SeededRandom } from '@mimo/core';
import { Manoeuvre, planManoeuvre } from './planner';
import { castRanges } from './ray-cast';
import { renderCamera } from './render-camera';
import { randomScene, Scene } from './scene';

/** One generated frame: what the sensors saw and what the planner chose. */
export interface Frame {
  id: string;
  /** `[size, size, 3]` RGB, uint8. */
  camera: Uint8Array;
  /** Ranges (m), clockwise from straight ahead. */
  ranges: number[];
  label: Manoeuvre;
}

export interface GenerateOptions {
  /** Frames to make. */
  count: number;
  /** Seed of the whole set: the same seed gives the same frames, byte for byte. Defaults to 42. */
  seed?: number;
  /** Camera image side. Defaults to 32. */
  imageSize?: number;
  /** LIDAR beams. Defaults to 24. */
  beams?: number;
  /** LIDAR maximum range (m). Defaults to 20. */
  maxRange?: number;
}

export interface GeneratedFrame extends Frame {
  scene: Scene;
}

/** Generates `count` seeded scenes, each rendered by the camera, scanned by the LIDAR and labelled by the planner. */
export function generateFrames(options: GenerateOptions): GeneratedFrame[] {
  const rng = new SeededRandom(options.seed ?? 42);
  return Array.from({ length: options.count }, (_, i) => {
    const scene = randomScene(rng);
    return {
      id: `scene_${String(i).padStart(5, '0')}`,
      scene,
      camera: renderCamera(scene, rng, { size: options.imageSize }),
      ranges: castRanges(scene, { beams: options.beams, maxRange: options.maxRange }),
      label: planManoeuvre(scene),
    };
  });
}
