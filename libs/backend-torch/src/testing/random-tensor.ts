import * as tf from '@tensorflow/tfjs';

/** Value ranges for test inputs: most kernels take `normal`; the others need a domain. */
export type ValueRange = 'normal' | 'positive' | 'unit' | 'aboveOne' | 'int' | 'nonZeroInt' | 'bool' | 'index';

/** A deterministic pseudo-random stream (mulberry32). */
function stream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The same tensor on whichever backend is active: values from `seed`, in `range`
 * (float32 except int/nonZeroInt/index → int32 and bool → bool).
 */
export function randomTensor(shape: number[], range: ValueRange = 'normal', seed = 1): tf.Tensor {
  const next = stream(seed * 7919 + shape.length);
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: size }, () => {
    const u = next();
    switch (range) {
      case 'positive': return 0.1 + 3 * u;
      case 'unit': return 1.8 * u - 0.9;
      case 'aboveOne': return 1.1 + 3 * u;
      case 'int': return Math.floor(11 * u) - 5;
      case 'nonZeroInt': return (Math.floor(5 * u) + 1) * (u < 0.5 ? -1 : 1);
      case 'index': return Math.floor(4 * u);
      case 'bool': return u < 0.5 ? 1 : 0;
      default: return 4 * u - 2;
    }
  });
  const dtype = range === 'bool' ? 'bool' : range === 'int' || range === 'nonZeroInt' || range === 'index' ? 'int32' : 'float32';
  return tf.tensor(values, shape, dtype);
}
