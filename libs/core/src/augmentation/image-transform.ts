import * as tf from '@tensorflow/tfjs';
import { AffineCoefficients, resampleAffine, ImageSamplingOptions } from './affine-resample';

/** One image's augmentation, in pixel units. `IDENTITY_TRANSFORM` changes nothing. */
export interface ImageTransformParams {
  /** Degrees; positive turns the content counter-clockwise about the image centre. */
  rotation: number;
  /** Pixels; positive moves the content right. */
  shiftX: number;
  /** Pixels; positive moves the content down. */
  shiftY: number;
  /** Shear angle in degrees (Keras's shear matrix, in x/y order). */
  shear: number;
  /** Horizontal zoom; above 1 zooms out (samples a wider area), as Keras. */
  zoomX: number;
  /** Vertical zoom; above 1 zooms out. */
  zoomY: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
  /** Factor every pixel is multiplied by. */
  brightness: number;
}

export const IDENTITY_TRANSFORM: Readonly<ImageTransformParams> = Object.freeze({
  rotation: 0,
  shiftX: 0,
  shiftY: 0,
  shear: 0,
  zoomX: 1,
  zoomY: 1,
  flipHorizontal: false,
  flipVertical: false,
  brightness: 1,
});

type Matrix3 = [number, number, number, number, number, number, number, number, number];

function multiply(a: Matrix3, b: Matrix3): Matrix3 {
  const out = new Array<number>(9) as Matrix3;
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
  return out;
}

/** cos / sin of an angle in degrees, snapped at right angles so that 90° is an exact pixel permutation. */
function cosSin(degrees: number): [number, number] {
  const radians = (degrees * Math.PI) / 180;
  const snap = (v: number): number => (Math.abs(v - Math.round(v)) < 1e-12 ? Math.round(v) : v);
  return [snap(Math.cos(radians)), snap(Math.sin(radians))];
}

export function isGeometricIdentity(p: ImageTransformParams): boolean {
  return p.rotation === 0 && p.shiftX === 0 && p.shiftY === 0 && p.shear === 0 && p.zoomX === 1 && p.zoomY === 1 && !p.flipHorizontal && !p.flipVertical;
}

/**
 * The affine coefficients for `p`, mapping each *output* pixel (x right, y down) to the *input*
 * point it samples (inverse mapping, so every output pixel gets a value). In centred coordinates
 * q = output − centre, the input point is centre + R⁻¹·Shear·Zoom·(F·q − shift): undo the flips F,
 * then the shift, then zoom, shear and rotation in Keras's order (`rotation @ shear @ zoom`).
 */
export function transformCoefficients(p: ImageTransformParams, height: number, width: number): AffineCoefficients {
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const [cr, sr] = cosSin(p.rotation);
  const [cs, ss] = cosSin(p.shear);
  const toCentre: Matrix3 = [1, 0, -cx, 0, 1, -cy, 0, 0, 1];
  const flip: Matrix3 = [p.flipHorizontal ? -1 : 1, 0, 0, 0, p.flipVertical ? -1 : 1, 0, 0, 0, 1];
  const unshift: Matrix3 = [1, 0, -p.shiftX, 0, 1, -p.shiftY, 0, 0, 1];
  const zoom: Matrix3 = [p.zoomX, 0, 0, 0, p.zoomY, 0, 0, 0, 1];
  const shear: Matrix3 = [cs, 0, 0, -ss, 1, 0, 0, 0, 1];
  const unrotate: Matrix3 = [cr, -sr, 0, sr, cr, 0, 0, 0, 1];
  const fromCentre: Matrix3 = [1, 0, cx, 0, 1, cy, 0, 0, 1];
  const m = [fromCentre, unrotate, shear, zoom, unshift, flip, toCentre].reduce(multiply);
  return [m[0], m[1], m[2], m[3], m[4], m[5]];
}

/**
 * Applies one `ImageTransformParams` per image: the geometry by inverse-mapped resampling, then
 * brightness. `[batch, h, w, c]` float32 or int32 → same shape and dtype (int32 results are
 * rounded). A batch whose geometry is the identity everywhere is not resampled at all.
 */
export function applyImageTransforms(images: tf.Tensor4D, params: readonly ImageTransformParams[], options: ImageSamplingOptions): tf.Tensor4D {
  const [batch, height, width] = images.shape;
  if (params.length !== batch) throw new Error(`Received ${params.length} transforms for a batch of ${batch} images; expected one per image.`);
  if (images.dtype !== 'float32' && images.dtype !== 'int32') throw new Error(`Received images of dtype ${images.dtype}; expected float32 or int32.`);
  return tf.tidy(() => {
    let out: tf.Tensor4D = tf.cast(images, 'float32');
    if (!params.every(isGeometricIdentity)) {
      out = resampleAffine(out, params.map((p) => transformCoefficients(p, height, width)), options);
    }
    if (params.some((p) => p.brightness !== 1)) {
      out = tf.mul(out, tf.tensor4d(params.map((p) => p.brightness), [batch, 1, 1, 1]));
    }
    return images.dtype === 'int32' ? tf.cast(tf.round(out), 'int32') : out;
  });
}
