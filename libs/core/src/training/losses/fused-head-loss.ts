import * as tf from '@tensorflow/tfjs';
import { HEAD_LOSS_KERNELS, HeadLossAttrs, HeadLossName } from '@mimo/kernels';
import { activeBackendRuns } from '../../backend-kernels';

/** Whether the active backend runs a head's loss as one kernel each way. */
export function hasHeadLossKernels(): boolean {
  return activeBackendRuns(HEAD_LOSS_KERNELS.forward, HEAD_LOSS_KERNELS.backward);
}

/**
 * The mean over the batch of `weights` (1 each when absent) times the per-example `loss`, in one kernel,
 * differentiable for `yPred` through the backend's gradient kernel (`yTrue` and `weights` are data: no gradient).
 */
export function runHeadLoss(loss: HeadLossName, yTrue: tf.Tensor, yPred: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
  // tfjs-layers clips at its epsilon(), the backend's.
  const attrs: HeadLossAttrs = { loss, epsilon: tf.backend().epsilon() };
  const inputs = (prediction: tf.Tensor, truth: tf.Tensor, weight?: tf.Tensor): tf.NamedTensorMap =>
    weight === undefined ? { yTrue: truth, yPred: prediction } : { yTrue: truth, yPred: prediction, weights: weight };
  const run = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [prediction, save] = args as [tf.Tensor, tf.GradSaveFunc];
    // Saved (kept by tfjs until the gradient has run), not captured: the caller may dispose its weights before then.
    save(weights === undefined ? [prediction, yTrue] : [prediction, yTrue, weights]);
    return {
      value: tf.engine().runKernel(HEAD_LOSS_KERNELS.forward, inputs(prediction, yTrue, weights), { ...attrs }) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [savedPrediction, savedTruth, savedWeights]: tf.Tensor[]) =>
        tf.engine().runKernel(HEAD_LOSS_KERNELS.backward, { ...inputs(savedPrediction, savedTruth, savedWeights), dy }, { ...attrs }) as tf.Tensor,
    };
  });
  return run(yPred) as tf.Scalar;
}
