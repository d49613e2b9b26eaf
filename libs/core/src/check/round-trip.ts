import * as tf from '@tensorflow/tfjs';

/**
 * How far a prediction may move after save → load although the weights are bit-identical. The same float32
 * weights can give slightly different outputs when the BLAS picks its kernel by memory alignment (MKL, as in
 * a PyTorch 2.x wheel's libtorch: 5e-10 … 1.2e-7 seen) or by thread count. 1e-5 is about 80 float32 ulps at 1.0:
 * far above that noise, far below what a lost, reordered or mis-shaped weight does.
 */
export const ROUND_TRIP_TOLERANCE = 1e-5;

/** Largest |a − b| over lists of same-shaped outputs. */
export function maxAbsDiff(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  let max = 0;
  a.forEach((values, i) => {
    for (let j = 0; j < values.length; j++) max = Math.max(max, Math.abs(values[j] - b[i][j]));
  });
  return max;
}

/** Names of the weights of `saved` whose bytes differ from the same-index weight of `loaded` (or whose shape does). */
export function weightsNotBitIdentical(saved: tf.LayersModel, loaded: tf.LayersModel): string[] {
  const savedWeights = saved.weights;
  const loadedWeights = loaded.weights;
  const differing: string[] = [];
  savedWeights.forEach((weight, i) => {
    const twin = loadedWeights[i];
    if (twin === undefined || twin.shape.join() !== weight.shape.join() || !sameBytes(weight.read(), twin.read())) differing.push(weight.originalName);
  });
  for (const extra of loadedWeights.slice(savedWeights.length)) differing.push(extra.originalName);
  return differing;
}

function sameBytes(a: tf.Tensor, b: tf.Tensor): boolean {
  if (a.dtype !== b.dtype) return false;
  const left = a.dataSync() as tf.TypedArray;
  const right = b.dataSync() as tf.TypedArray;
  const leftBytes = new Uint8Array(left.buffer, left.byteOffset, left.byteLength);
  const rightBytes = new Uint8Array(right.buffer, right.byteOffset, right.byteLength);
  return leftBytes.length === rightBytes.length && leftBytes.every((byte, i) => byte === rightBytes[i]);
}
