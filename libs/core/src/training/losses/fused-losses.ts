import * as tf from '@tensorflow/tfjs';
import type { HeadLossName } from '@mimo/kernels';
import { hasHeadLossKernels, runHeadLoss } from './fused-head-loss';

type Loss = (labels: tf.Tensor, predictions: tf.Tensor) => tf.Scalar;

/**
 * `stock` (a `tf.losses` function with its defaults: the mean over every element, or over the rows for the softmax)
 * as one kernel forward and one backward where the backend has the head loss kernels (torch), instead of 10 to 40
 * tfjs kernel calls each way; elsewhere `stock` itself. The labels are data: no gradient flows to them.
 */
function fusedLoss(name: string, kernel: HeadLossName, stock: Loss): Loss {
  return (labels, predictions) => {
    if (!tf.util.arraysEqual(labels.shape, predictions.shape)) {
      throw new Error(`losses.${name}: labels and predictions must have one shape. Received: [${labels.shape.join(', ')}] and [${predictions.shape.join(', ')}]`);
    }
    if (!hasHeadLossKernels() || predictions.dtype !== 'float32' || predictions.rank === 0 || predictions.size === 0) return stock(labels, predictions);
    // The kernels take [rows, units]; the mean over rows of each row's loss is the stock mean over every row.
    return tf.tidy(() => {
      const units = predictions.shape[predictions.rank - 1];
      const rows = (t: tf.Tensor) => (t.rank === 2 ? t : t.reshape([-1, units]));
      return runHeadLoss(kernel, rows(labels.dtype === 'float32' ? labels : tf.cast(labels, 'float32')), rows(predictions));
    });
  };
}

/**
 * tfjs's own functions, as they are when Mimo loads: the fallback of `losses` elsewhere than torch, and what
 * `installFusedLosses` hands every call it does not fuse.
 */
export const STOCK_LOSSES = {
  sigmoidCrossEntropy: tf.losses.sigmoidCrossEntropy,
  softmaxCrossEntropy: tf.losses.softmaxCrossEntropy,
  meanSquaredError: tf.losses.meanSquaredError,
  absoluteDifference: tf.losses.absoluteDifference,
} as const;

/**
 * Drop-in twins of `tf.losses` functions for a training loop of your own, with their default reduction and no
 * weights: the same value, the gradient for the predictions (logits) in one kernel call on the torch backend
 * (`tf.losses.sigmoidCrossEntropy` is 10 kernels forward, 13 clones for its gradient and 23 kernels back there).
 */
export const losses = {
  /** `tf.losses.sigmoidCrossEntropy(labels, logits)`: the mean over elements of max(x, 0) − x·y + log(1 + e^−|x|). */
  sigmoidCrossEntropy: fusedLoss('sigmoidCrossEntropy', 'sigmoidCrossEntropy', (labels, logits) => STOCK_LOSSES.sigmoidCrossEntropy(labels, logits)),
  /** `tf.losses.softmaxCrossEntropy(onehotLabels, logits)`: the mean over rows of −Σ y·log softmax(x) along the last axis. */
  softmaxCrossEntropy: fusedLoss('softmaxCrossEntropy', 'softmaxCrossEntropy', (labels, logits) => STOCK_LOSSES.softmaxCrossEntropy(labels, logits)),
  /** `tf.losses.meanSquaredError(labels, predictions)`: the mean over elements of (p − y)². */
  meanSquaredError: fusedLoss('meanSquaredError', 'meanSquaredError', (labels, predictions) => STOCK_LOSSES.meanSquaredError(labels, predictions)),
  /** `tf.losses.absoluteDifference(labels, predictions)`: the mean over elements of |p − y|. */
  absoluteDifference: fusedLoss('absoluteDifference', 'meanAbsoluteError', (labels, predictions) => STOCK_LOSSES.absoluteDifference(labels, predictions)),
} as const;
