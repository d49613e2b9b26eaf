import { ModelSpecInput } from '@mimo/core';
import { MANOEUVRES } from './scene/planner';

type InputSpecInput = ModelSpecInput['inputs'][string];

/** The model variants of the ablation: one modality alone, or both fused by concatenation or by attention over the modalities. */
export const VARIANTS = ['camera', 'lidar', 'concat', 'gated'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface AutonomousSpecOptions {
  /** Camera side in pixels. Defaults to 32. */
  imageSize?: number;
  /** LIDAR beams. Defaults to 24. */
  beams?: number;
  /** Output classes. Defaults to the planner's six manoeuvres. */
  classes?: number;
  seed?: number;
}

/**
 * The spec of one variant. camera: CNN [16, 32] → Dense 64; lidar: Dense [128, 128] over the ranges (or their encoding); concat: both
 * encoders, concatenated, Dense 64; attention: both encoders, each projected to 64 (tanh), weighted by a per-example
 * softmax over the two modalities (core's `gated` fusion) and summed — the model learns how much to trust each
 * sensor per frame. (Cross-attention of beams over patches would need the ranges as a sequence input; not done.)
 * Head `manoeuvre`: softmax over the classes.
 */
export function autonomousSpecFor(variant: Variant, options: AutonomousSpecOptions = {}): ModelSpecInput {
  const size = options.imageSize ?? 32;
  const beams = options.beams ?? 24;
  const camera: InputSpecInput = { kind: 'image', height: size, width: size, channels: 3, encoder: { type: 'cnn', filters: [16, 32], units: [64] } };
  const lidar: InputSpecInput = { kind: 'numeric', size: beams, encoder: { type: 'dense', units: [128, 128] } };
  const heads: ModelSpecInput['heads'] = { manoeuvre: { type: 'multiclass', classes: options.classes ?? MANOEUVRES.length } };
  const base = { name: `autonomous_${variant}`, heads, seed: options.seed ?? 10 };
  switch (variant) {
    case 'camera':
      return { ...base, description: 'Camera only: CNN → manoeuvre.', inputs: { camera } };
    case 'lidar':
      return { ...base, description: 'LIDAR only: Dense over the ranges → manoeuvre.', inputs: { lidar } };
    case 'concat':
      return { ...base, description: 'Camera (CNN) + LIDAR (Dense), concatenated → manoeuvre.', inputs: { camera, lidar }, fusion: { type: 'concat', units: [64] } };
    case 'gated':
      return {
        ...base,
        description: 'Camera (CNN) + LIDAR (Dense), fused by per-example softmax attention over the two modalities → manoeuvre.',
        inputs: { camera, lidar },
        fusion: { type: 'gated', units: [64] },
      };
  }
}

/** The app's default model: camera + LIDAR, concatenated. */
export const autonomousSpec = autonomousSpecFor('concat');
