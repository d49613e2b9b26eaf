import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../random/seeded-random';
import { ImageAugmentationConfig, ImageAugmentationConfigInput, ImageAugmentationConfigSchema, zoomBounds } from './image-augmentation-config';
import { applyImageTransforms, IDENTITY_TRANSFORM, ImageTransformParams } from './image-transform';

/** Augments training batches; each call draws fresh random transforms from the augmenter's stream. */
export interface ImageAugmenter {
  /** `[batch, h, w, c]` float32 or int32 → same shape and dtype, one random transform per image. */
  augment(images: tf.Tensor4D): tf.Tensor4D;
}

/**
 * Draws one image's transform from `config` (only the enabled options consume random numbers,
 * in Keras's order: rotation, shifts, shear, zoom, flips, brightness).
 */
export function sampleImageTransform(config: ImageAugmentationConfig, random: SeededRandom, height: number, width: number): ImageTransformParams {
  const uniform = (low: number, high: number): number => low + (high - low) * random.next();
  const p: ImageTransformParams = { ...IDENTITY_TRANSFORM };
  if (config.rotationRange > 0) p.rotation = uniform(-config.rotationRange, config.rotationRange);
  if (config.heightShiftRange > 0) p.shiftY = uniform(-config.heightShiftRange, config.heightShiftRange) * height;
  if (config.widthShiftRange > 0) p.shiftX = uniform(-config.widthShiftRange, config.widthShiftRange) * width;
  if (config.shearRange > 0) p.shear = uniform(-config.shearRange, config.shearRange);
  const [zoomLow, zoomHigh] = zoomBounds(config.zoomRange);
  if (zoomLow !== 1 || zoomHigh !== 1) {
    p.zoomY = uniform(zoomLow, zoomHigh);
    p.zoomX = uniform(zoomLow, zoomHigh);
  }
  if (config.horizontalFlip) p.flipHorizontal = random.next() < 0.5;
  if (config.verticalFlip) p.flipVertical = random.next() < 0.5;
  if (config.brightnessRange) p.brightness = uniform(config.brightnessRange[0], config.brightnessRange[1]);
  return p;
}

/**
 * Creates a seeded augmenter: the same config and seed give the same sequence of batches. Meant for
 * training batches only — validation, evaluation and prediction must see the images unchanged.
 * The input tensor is not disposed; the caller owns both it and the result.
 */
export function createImageAugmenter(config: ImageAugmentationConfigInput, seed: number): ImageAugmenter {
  const parsed = ImageAugmentationConfigSchema.parse(config);
  const random = new SeededRandom(seed);
  return {
    augment(images) {
      const [batch, height, width] = images.shape;
      const params = Array.from({ length: batch }, () => sampleImageTransform(parsed, random, height, width));
      return applyImageTransforms(images, params, parsed);
    },
  };
}
