import * as tf from '@tensorflow/tfjs';
import { ImageSamplingOptions } from './affine-resample';
import { applyImageTransforms, IDENTITY_TRANSFORM, ImageTransformParams, transformCoefficients } from './image-transform';

const nearest: ImageSamplingOptions = { fillMode: 'nearest', cval: 0, interpolation: 'nearest' };

/** A single-channel `[n, n]` image as a `[1, n, n, 1]` tensor. */
function image(rows: number[][]): tf.Tensor4D {
  return tf.tensor4d(rows.flat(), [1, rows.length, rows[0].length, 1]);
}

function pixels(t: tf.Tensor4D, index = 0): number[][] {
  return (t.arraySync()[index] as number[][][]).map((row) => row.map((px) => px[0]));
}

function apply(rows: number[][], p: Partial<ImageTransformParams>, options: ImageSamplingOptions = nearest): number[][] {
  return tf.tidy(() => pixels(applyImageTransforms(image(rows), [{ ...IDENTITY_TRANSFORM, ...p }], options)));
}

const grid4 = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12],
  [13, 14, 15, 16],
];

describe('applyImageTransforms', () => {
  it('rotates 90° counter-clockwise exactly like turning the pixel grid by hand', () => {
    const ccw = [
      [4, 8, 12, 16],
      [3, 7, 11, 15],
      [2, 6, 10, 14],
      [1, 5, 9, 13],
    ];
    expect(apply(grid4, { rotation: 90 })).toEqual(ccw);
    expect(apply(grid4, { rotation: 90 }, { ...nearest, interpolation: 'bilinear' })).toEqual(ccw);
    expect(apply(grid4, { rotation: -90 })).toEqual(ccw.map((row) => [...row].reverse()).reverse());
    expect(apply([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { rotation: 90 })).toEqual([[3, 6, 9], [2, 5, 8], [1, 4, 7]]);
  });

  it('shifts by whole pixels, filling with cval (constant) or the edge pixel (nearest)', () => {
    const row = [[1, 2, 3, 4]];
    expect(apply(row, { shiftX: 1 }, { ...nearest, fillMode: 'constant', cval: -7 })).toEqual([[-7, 1, 2, 3]]);
    expect(apply(row, { shiftX: 1 })).toEqual([[1, 1, 2, 3]]);
    expect(apply(row, { shiftX: -2 })).toEqual([[3, 4, 4, 4]]);
    expect(apply(row, { shiftX: 2 }, { ...nearest, fillMode: 'reflect' })).toEqual([[2, 1, 1, 2]]);
    expect(apply(row, { shiftX: 1 }, { ...nearest, fillMode: 'wrap' })).toEqual([[4, 1, 2, 3]]);
    expect(apply(grid4, { shiftY: 1 }, { ...nearest, fillMode: 'constant' })).toEqual([[0, 0, 0, 0], ...grid4.slice(0, 3)]);
  });

  it('mirrors for flips and multiplies for brightness', () => {
    expect(apply(grid4, { flipHorizontal: true })).toEqual(grid4.map((row) => [...row].reverse()));
    expect(apply(grid4, { flipVertical: true })).toEqual([...grid4].reverse());
    expect(apply(grid4, { brightness: 0.5 })).toEqual(grid4.map((row) => row.map((v) => v / 2)));
  });

  it('zooms about the centre: zoom 0.5 samples the middle of the image at twice the size', () => {
    expect(apply([[0, 1, 2, 3, 4]], { zoomX: 0.5 }, { ...nearest, interpolation: 'bilinear' })).toEqual([[1, 1.5, 2, 2.5, 3]]);
  });

  it('gives every image of a batch its own transform', () => {
    const batch = tf.tensor4d([...grid4.flat(), ...grid4.flat(), ...grid4.flat()], [3, 4, 4, 1]);
    const out = applyImageTransforms(
      batch,
      [IDENTITY_TRANSFORM, { ...IDENTITY_TRANSFORM, flipHorizontal: true }, { ...IDENTITY_TRANSFORM, flipVertical: true }],
      nearest,
    );
    expect(pixels(out, 0)).toEqual(grid4);
    expect(pixels(out, 1)).toEqual(grid4.map((row) => [...row].reverse()));
    expect(pixels(out, 2)).toEqual([...grid4].reverse());
    tf.dispose([batch, out]);
  });

  it('keeps shape and dtype (int32 results are rounded) and does not leak', () => {
    const ints = tf.tensor4d(grid4.flat(), [1, 4, 4, 1], 'int32');
    const before = tf.memory().numTensors;
    const out = applyImageTransforms(ints, [{ ...IDENTITY_TRANSFORM, rotation: 10, brightness: 1.3 }], { ...nearest, interpolation: 'bilinear' });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(out.dtype).toBe('int32');
    expect(out.shape).toEqual([1, 4, 4, 1]);
    tf.dispose([ints, out]);
  });

  it('rejects a transform count that does not match the batch', () => {
    const images = tf.zeros([2, 2, 2, 1]) as tf.Tensor4D;
    expect(() => applyImageTransforms(images, [IDENTITY_TRANSFORM], nearest)).toThrow('Received 1 transforms for a batch of 2 images');
    images.dispose();
  });
});

describe('transformCoefficients', () => {
  it('is the identity for the identity transform', () => {
    expect(transformCoefficients(IDENTITY_TRANSFORM, 5, 7)).toEqual([1, 0, 0, 0, 1, 0]);
  });
});
