import type { DataCard } from '@mimo/app-kit';
import { loadFrameImages, LoadedFrame } from '../manifest/load-frame-images';
import { readManifest } from '../manifest/read-manifest';
import { generateFrames } from '../scene/generate-scenes';
import { MANOEUVRES } from '../scene/planner';

/** The seed of the default generated set (fixed, so every run and every split sees the same scenes). */
export const GENERATED_SEED = 42;
/** Scenes in the default set; `--tiny` uses TINY_SCENES. */
export const DEFAULT_SCENES = 3000;
export const TINY_SCENES = 240;
/** Beams of the generated scans. */
export const DEFAULT_BEAMS = 24;

export interface LoadFramesOptions {
  /** A manifest CSV; absent: the generated scenes. */
  data?: string;
  tiny?: boolean;
  imageSize: number;
  /** Beams per scan (a bundle's); by default the manifest's own count, or 24 for generated scenes. */
  beams?: number;
  /** Whether the model reads the camera; false lets a manifest have no camera column. Defaults to true. */
  camera?: boolean;
  /** Allowed labels (a restored bundle's classes); default: the planner's manoeuvres for generated data, any for a manifest. */
  classes?: readonly string[];
}

export interface LoadedFrames {
  frames: LoadedFrame[];
  card: DataCard;
}

/** Frames from a user's manifest (checked row by row, images decoded) or, by default, the seeded generated scenes. */
export async function loadFrames(options: LoadFramesOptions): Promise<LoadedFrames> {
  if (options.data) {
    const rows = await readManifest(options.data, { beams: options.beams, classes: options.classes, camera: options.camera ?? true });
    const frames = await loadFrameImages(options.tiny ? rows.slice(0, TINY_SCENES) : rows, { imageSize: options.imageSize });
    const real = rows[0]?.cameraPath ? 'camera images and range scans from the manifest' : 'range scans from the manifest (no camera)';
    return { frames, card: { name: 'manifest', source: options.data, real: [real], simulated: [] } };
  }
  const count = options.tiny ? TINY_SCENES : DEFAULT_SCENES;
  const beams = options.beams ?? DEFAULT_BEAMS;
  const frames = generateFrames({ count, seed: GENERATED_SEED, imageSize: options.imageSize, beams });
  return {
    frames,
    card: {
      name: 'generated scenes',
      source: `apps/autonomous scene generator, ${count} scenes, seed ${GENERATED_SEED}`,
      real: [],
      simulated: [
        `camera: ${options.imageSize}×${options.imageSize} RGB render of road, lane markings, obstacles, lighting and noise`,
        `LIDAR: ${beams}-beam ray-cast range scan of the same scene (max 20 m)`,
        `label: the manoeuvre of a rule planner (${MANOEUVRES.join(', ')}); see docs/autonomous.md`,
      ],
    },
  };
}
