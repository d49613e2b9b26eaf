import { z } from 'zod';

/** A `[low, high]` pair with `0 < low <= high`. */
const positiveRange = z
  .tuple([z.number().positive(), z.number().positive()])
  .refine(([low, high]) => low <= high, { message: 'expected [low, high] with low <= high' });

/**
 * Random image augmentation for training batches, with the options of Keras's `ImageDataGenerator`.
 * Every option defaults to off, so `{}` changes nothing.
 */
export const ImageAugmentationConfigSchema = z
  .object({
    rotationRange: z.number().min(0).max(180).default(0).describe('Random rotation in degrees, uniform in [-r, r]; positive turns the content counter-clockwise. Defaults to 0 (off).'),
    widthShiftRange: z.number().min(0).max(1).default(0).describe('Random horizontal shift as a fraction of the width, uniform in [-r, r]. Defaults to 0 (off).'),
    heightShiftRange: z.number().min(0).max(1).default(0).describe('Random vertical shift as a fraction of the height, uniform in [-r, r]. Defaults to 0 (off).'),
    shearRange: z.number().min(0).max(89).default(0).describe('Random shear angle in degrees, uniform in [-r, r]. Defaults to 0 (off).'),
    zoomRange: z
      .union([z.number().min(0).lt(1), positiveRange])
      .default(0)
      .describe('Random zoom: a number z means [1 - z, 1 + z], or give [low, high]; drawn per axis; values above 1 zoom out (as Keras). Defaults to 0 (off).'),
    horizontalFlip: z.boolean().default(false).describe('Mirror left-right with probability 0.5. Defaults to false.'),
    verticalFlip: z.boolean().default(false).describe('Mirror top-bottom with probability 0.5. Defaults to false.'),
    brightnessRange: z
      .tuple([z.number().min(0), z.number().min(0)])
      .refine(([low, high]) => low <= high, { message: 'expected [low, high] with low <= high' })
      .optional()
      .describe('Multiply every pixel of an image by a factor uniform in [low, high]; no clipping. Defaults to none (off).'),
    fillMode: z
      .enum(['nearest', 'constant', 'reflect', 'wrap'])
      .default('nearest')
      .describe('How points outside the image are filled: nearest (aaa|abc|ccc), constant (cval), reflect (cba|abc|cba), wrap (abc|abc|abc). Defaults to nearest.'),
    cval: z.number().default(0).describe("Fill value when fillMode is 'constant'. Defaults to 0."),
    interpolation: z
      .enum(['bilinear', 'nearest'])
      .default('bilinear')
      .describe('Sampling of the transformed image (Keras uses bilinear, interpolation order 1). Defaults to bilinear.'),
  })
  .describe('Random augmentation of image inputs, applied to training batches only.');

/** The config as written by a user (every field optional). */
export type ImageAugmentationConfigInput = z.input<typeof ImageAugmentationConfigSchema>;
/** The config with defaults filled. */
export type ImageAugmentationConfig = z.infer<typeof ImageAugmentationConfigSchema>;
export type ImageFillMode = ImageAugmentationConfig['fillMode'];
export type ImageInterpolation = ImageAugmentationConfig['interpolation'];

/** `zoomRange` as `[low, high]`. */
export function zoomBounds(zoomRange: ImageAugmentationConfig['zoomRange']): [number, number] {
  return typeof zoomRange === 'number' ? [1 - zoomRange, 1 + zoomRange] : zoomRange;
}
