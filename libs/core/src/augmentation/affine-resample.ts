import * as tf from '@tensorflow/tfjs';
import { ImageFillMode, ImageInterpolation } from './image-augmentation-config';

export interface ImageSamplingOptions {
  fillMode: ImageFillMode;
  cval: number;
  interpolation: ImageInterpolation;
}

/**
 * Output pixel (x, y) of image i samples the input at
 * (a0·x + a1·y + a2, b0·x + b1·y + b2) with `coefficients[i] = [a0, a1, a2, b0, b1, b2]`
 * (x right, y down, in pixels).
 */
export type AffineCoefficients = readonly [number, number, number, number, number, number];

/**
 * Integer sample positions → in-range positions, per fill mode (scipy.ndimage's names, as Keras):
 * nearest aaa|abcd|ddd, reflect dcba|abcd|dcba, wrap abcd|abcd|abcd; constant clamps here and is
 * masked to cval by the caller.
 */
function mapIndex(index: tf.Tensor, length: number, mode: ImageFillMode): tf.Tensor {
  switch (mode) {
    case 'wrap':
      return tf.mod(index, length);
    case 'reflect': {
      const folded = tf.mod(index, 2 * length);
      return tf.where(tf.less(folded, length), folded, tf.sub(2 * length - 1, folded));
    }
    case 'nearest':
    case 'constant':
      return tf.clipByValue(index, 0, length - 1);
  }
}

/**
 * Affine resampling by inverse mapping with one gather per interpolation corner:
 * `[b, h, w, c]` float32 → `[b, h, w, c]` float32.
 *
 * Not `tf.image.transform`: in tfjs 4.22 its cpu kernel transforms only the first image of a batch,
 * its wasm kernel reflects negative coordinates wrongly, and both wrap wrongly beyond one period.
 * Fill modes act on the integer sample positions, so every backend gives the same pixels.
 */
export function resampleAffine(images: tf.Tensor4D, coefficients: readonly AffineCoefficients[], options: ImageSamplingOptions): tf.Tensor4D {
  const [batch, height, width, channels] = images.shape;
  return tf.tidy(() => {
    const column = (k: number): tf.Tensor => tf.tensor3d(coefficients.map((c) => c[k]), [batch, 1, 1]);
    const xs = tf.range(0, width).reshape([1, 1, width]);
    const ys = tf.range(0, height).reshape([1, height, 1]);
    const inX = tf.add(tf.add(tf.mul(column(0), xs), tf.mul(column(1), ys)), column(2)); // [b, h, w]
    const inY = tf.add(tf.add(tf.mul(column(3), xs), tf.mul(column(4), ys)), column(5));
    const flat = images.reshape([batch * height * width, channels]);
    const imageOffset = tf.range(0, batch).reshape([batch, 1, 1]).mul(height * width);

    // The pixel at integer position (ix, iy) of each output location, after the fill mode.
    const read = (ix: tf.Tensor, iy: tf.Tensor): tf.Tensor => {
      const mx = mapIndex(ix, width, options.fillMode);
      const my = mapIndex(iy, height, options.fillMode);
      const index = tf.add(imageOffset, tf.add(tf.mul(my, width), mx)).toInt().reshape([-1]);
      const pixels = tf.gather(flat, index).reshape([batch, height, width, channels]);
      if (options.fillMode !== 'constant') return pixels;
      const inside = tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(ix, 0), tf.lessEqual(ix, width - 1)), tf.logicalAnd(tf.greaterEqual(iy, 0), tf.lessEqual(iy, height - 1)));
      return tf.where(inside.expandDims(-1).tile([1, 1, 1, channels]), pixels, tf.fill(pixels.shape, options.cval));
    };

    if (options.interpolation === 'nearest') {
      // floor(v + 0.5), not tf.round, which rounds halves to even.
      return read(tf.floor(tf.add(inX, 0.5)), tf.floor(tf.add(inY, 0.5))) as tf.Tensor4D;
    }
    const x0 = tf.floor(inX);
    const y0 = tf.floor(inY);
    const x1 = tf.add(x0, 1);
    const y1 = tf.add(y0, 1);
    const fx = tf.sub(inX, x0).expandDims(-1);
    const fy = tf.sub(inY, y0).expandDims(-1);
    const top = tf.add(tf.mul(read(x0, y0), tf.sub(1, fx)), tf.mul(read(x1, y0), fx));
    const bottom = tf.add(tf.mul(read(x0, y1), tf.sub(1, fx)), tf.mul(read(x1, y1), fx));
    return tf.add(tf.mul(top, tf.sub(1, fy)), tf.mul(bottom, fy)) as tf.Tensor4D;
  });
}
