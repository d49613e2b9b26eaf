import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../random/seeded-random';
import { ImageAugmentationConfigInput, ImageAugmentationConfigSchema } from './image-augmentation-config';
import { createImageAugmenter, sampleImageTransform } from './image-augmenter';
import { applyImageTransforms } from './image-transform';

const everything: ImageAugmentationConfigInput = {
  rotationRange: 30,
  widthShiftRange: 0.2,
  heightShiftRange: 0.2,
  shearRange: 10,
  zoomRange: 0.2,
  horizontalFlip: true,
  verticalFlip: true,
  brightnessRange: [0.8, 1.2],
};

/** `count` copies of one 4×5 two-channel image with distinct pixel values. */
function batchOf(count: number, dtype: 'float32' | 'int32' = 'float32'): tf.Tensor4D {
  const one = Array.from({ length: 4 * 5 * 2 }, (_, i) => i + 1);
  return tf.tensor4d(Array.from({ length: count }, () => one).flat(), [count, 4, 5, 2], dtype);
}

function images(t: tf.Tensor4D): number[][][][] {
  return t.arraySync();
}

describe('createImageAugmenter', () => {
  it('keeps shape and dtype with every option on', () => {
    for (const dtype of ['float32', 'int32'] as const) {
      const input = batchOf(3, dtype);
      const out = createImageAugmenter(everything, 1).augment(input);
      expect(out.shape).toEqual([3, 4, 5, 2]);
      expect(out.dtype).toBe(dtype);
      tf.dispose([input, out]);
    }
  });

  it('is the identity when every option is off', () => {
    const input = batchOf(2);
    const out = createImageAugmenter({}, 1).augment(input);
    expect(images(out)).toEqual(images(input));
    tf.dispose([input, out]);
  });

  it('flips horizontally about half the time, giving the exact mirror image', () => {
    const input = batchOf(32);
    const out = createImageAugmenter({ horizontalFlip: true }, 3).augment(input);
    const original = images(input)[0];
    const mirrored = original.map((row) => [...row].reverse());
    const outcomes = images(out).map((image) => (JSON.stringify(image) === JSON.stringify(original) ? 'same' : JSON.stringify(image) === JSON.stringify(mirrored) ? 'mirrored' : 'other'));
    expect(outcomes).not.toContain('other');
    expect(outcomes).toContain('same');
    expect(outcomes).toContain('mirrored');
    tf.dispose([input, out]);
  });

  it('multiplies by one brightness factor per image, within the range', () => {
    const input = batchOf(8);
    const out = createImageAugmenter({ brightnessRange: [0.5, 1.5] }, 4).augment(input);
    const x = images(input);
    images(out).forEach((image, b) => {
      const factor = image[0][0][0] / x[b][0][0][0];
      expect(factor).toBeGreaterThanOrEqual(0.5);
      expect(factor).toBeLessThanOrEqual(1.5);
      image.flat(2).forEach((v, i) => expect(v).toBeCloseTo(x[b].flat(2)[i] * factor, 4));
    });
    const doubled = createImageAugmenter({ brightnessRange: [2, 2] }, 4).augment(input);
    expect(images(doubled)).toEqual(x.map((image) => image.map((row) => row.map((px) => px.map((v) => 2 * v)))));
    tf.dispose([input, out, doubled]);
  });

  it('gives the same batches for the same seed and different ones for another seed', () => {
    const input = batchOf(4);
    const a = createImageAugmenter(everything, 7);
    const b = createImageAugmenter(everything, 7);
    const [a1, a2, b1, b2] = [a.augment(input), a.augment(input), b.augment(input), b.augment(input)];
    const other = createImageAugmenter(everything, 8).augment(input);
    expect(images(b1)).toEqual(images(a1));
    expect(images(b2)).toEqual(images(a2));
    expect(images(a2)).not.toEqual(images(a1)); // the stream moves on between batches
    expect(images(other)).not.toEqual(images(a1));
    tf.dispose([input, a1, a2, b1, b2, other]);
  });

  it('applies exactly the transforms it samples from its seed', () => {
    const input = batchOf(3);
    const config = ImageAugmentationConfigSchema.parse(everything);
    const random = new SeededRandom(11);
    const params = [0, 1, 2].map(() => sampleImageTransform(config, random, 4, 5));
    const expected = applyImageTransforms(input, params, config);
    const out = createImageAugmenter(everything, 11).augment(input);
    expect(images(out)).toEqual(images(expected));
    expect(params[0].rotation).not.toBe(params[1].rotation);
    tf.dispose([input, expected, out]);
  });

  it('leaves no tensors behind but its result', () => {
    const input = batchOf(4);
    const augmenter = createImageAugmenter(everything, 5);
    augmenter.augment(input).dispose(); // warm-up: backends may create lasting state on first use
    const before = tf.memory().numTensors;
    const out = augmenter.augment(input);
    expect(tf.memory().numTensors).toBe(before + 1);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });

  it('rejects an invalid config', () => {
    expect(() => createImageAugmenter({ zoomRange: [2, 1] }, 1)).toThrow('low <= high');
  });
});
