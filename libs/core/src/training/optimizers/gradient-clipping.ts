import * as tf from '@tensorflow/tfjs';
import { GradientClipping } from './optimizer-fields';

function l2Norm(t: tf.Tensor): tf.Scalar {
  return tf.sqrt(tf.sum(tf.square(t))) as tf.Scalar;
}

/** `g · c / max(‖g‖, c)`: unchanged when the norm is within `c`, else scaled down to norm `c`. */
function scaleToNorm(gradient: tf.Tensor, norm: tf.Scalar, clip: number): tf.Tensor {
  return tf.div(tf.mul(gradient, clip), tf.maximum(norm, clip));
}

/**
 * Clips gradients as Keras does: by each gradient's norm (`clipNorm`), by their global norm (`globalClipNorm`) or
 * element-wise by value (`clipValue`); at most one may be set. Returns new tensors (null stays null).
 */
export function clipGradients(gradients: (tf.Tensor | null)[], clipping: GradientClipping): (tf.Tensor | null)[] {
  const { clipNorm, globalClipNorm, clipValue } = clipping;
  const set = [clipNorm, globalClipNorm, clipValue].filter((v) => v !== undefined).length;
  if (set > 1) throw new Error(`set at most one of clipNorm, globalClipNorm and clipValue. Received: ${JSON.stringify(clipping)}`);
  const each = (clip: (g: tf.Tensor) => tf.Tensor) => gradients.map((g) => g && tf.tidy(() => clip(g)));
  if (clipNorm !== undefined) return each((g) => scaleToNorm(g, l2Norm(g), clipNorm));
  if (clipValue !== undefined) return each((g) => tf.clipByValue(g, -clipValue, clipValue));
  if (globalClipNorm === undefined) return each((g) => g.clone());
  const present = gradients.filter((g): g is tf.Tensor => g !== null);
  const global = tf.tidy(() => tf.sqrt(tf.addN(present.map((g) => tf.sum(tf.square(g))))) as tf.Scalar);
  try {
    return each((g) => scaleToNorm(g, global, globalClipNorm));
  } finally {
    global.dispose();
  }
}
