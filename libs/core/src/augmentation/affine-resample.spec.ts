import * as tf from '@tensorflow/tfjs';
import { AffineCoefficients, resampleAffine, ImageSamplingOptions } from './affine-resample';

/** Samples the one-row image `row` at x − shift. */
function shiftRow(row: number[], shift: number, options: Partial<ImageSamplingOptions>): number[] {
  return tf.tidy(() => {
    const image = tf.tensor4d(row, [1, 1, row.length, 1]);
    const shifted: AffineCoefficients = [1, 0, -shift, 0, 1, 0];
    return Array.from(resampleAffine(image, [shifted], { fillMode: 'nearest', cval: 0, interpolation: 'nearest', ...options }).dataSync());
  });
}

describe('resampleAffine', () => {
  it.each([
    // shift, nearest, reflect, wrap, constant(cval 9) for the row [1, 2, 3, 4]
    [5, [1, 1, 1, 1], [4, 4, 3, 2], [4, 1, 2, 3], [9, 9, 9, 9]],
    [2, [1, 1, 1, 2], [2, 1, 1, 2], [3, 4, 1, 2], [9, 9, 1, 2]],
    [-1, [2, 3, 4, 4], [2, 3, 4, 4], [2, 3, 4, 1], [2, 3, 4, 9]],
    [-5, [4, 4, 4, 4], [3, 2, 1, 1], [2, 3, 4, 1], [9, 9, 9, 9]],
    [-9, [4, 4, 4, 4], [2, 3, 4, 4], [2, 3, 4, 1], [9, 9, 9, 9]],
  ])('fills a shift of %d as nearest / reflect / wrap / constant do', (shift, nearest, reflect, wrap, constant) => {
    const row = [1, 2, 3, 4];
    expect(shiftRow(row, shift, { fillMode: 'nearest' })).toEqual(nearest);
    expect(shiftRow(row, shift, { fillMode: 'reflect' })).toEqual(reflect);
    expect(shiftRow(row, shift, { fillMode: 'wrap' })).toEqual(wrap);
    expect(shiftRow(row, shift, { fillMode: 'constant', cval: 9 })).toEqual(constant);
  });

  it('interpolates bilinearly, mixing in cval beyond the edge in constant mode', () => {
    const row = [0, 10, 20, 30];
    expect(shiftRow(row, 0.5, { interpolation: 'bilinear', fillMode: 'constant', cval: 100 })).toEqual([50, 5, 15, 25]);
    expect(shiftRow(row, 0.5, { interpolation: 'bilinear', fillMode: 'nearest' })).toEqual([0, 5, 15, 25]);
    expect(shiftRow(row, 0.25, { interpolation: 'bilinear', fillMode: 'reflect' })).toEqual([0, 7.5, 17.5, 27.5]);
  });

  it('moves whole pixels, keeping channels together, and does not leak', () => {
    const image = tf.tensor4d([1, -1, 2, -2, 3, -3], [1, 1, 3, 2]);
    const before = tf.memory().numTensors;
    const out = resampleAffine(image, [[-1, 0, 2, 0, 1, 0]], { fillMode: 'constant', cval: 0, interpolation: 'bilinear' }); // x ↦ 2 − x: mirror
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(out.shape).toEqual([1, 1, 3, 2]);
    expect(Array.from(out.dataSync())).toEqual([3, -3, 2, -2, 1, -1]);
    tf.dispose([image, out]);
  });
});
