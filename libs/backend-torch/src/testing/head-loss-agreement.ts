import * as tf from '@tensorflow/tfjs';
import { HEAD_LOSS_KERNELS, HEAD_LOSSES, HeadLossName } from '@mimo/kernels';
import { onCpuThen, worstOverArrays } from './kernel-agreement';
import { randomTensor as r } from './random-tensor';

/** A loss, whether each example carries a weight, and whether the ATen ops run (as on cuda) instead of the cpu's one pass. */
export interface HeadLossCase {
  loss: HeadLossName;
  weighted: boolean;
  atenOps: boolean;
}

/** Every loss, without and with per-example weights, on both paths. */
export const HEAD_LOSS_CASES: HeadLossCase[] = HEAD_LOSSES.flatMap((loss) => [false, true].flatMap((weighted) => [false, true].map((atenOps) => ({ loss, weighted, atenOps }))));

export function headLossCaseLabel(c: HeadLossCase): string {
  return `${c.loss}${c.weighted ? ', weighted' : ''}${c.atenOps ? ', ATen ops' : ''}`;
}

/** tfjs's per-example losses (tfjs-layers', as Mimo's heads run them without the kernels, and tf.losses' on logits): `[batch, units]` → `[batch]`. */
const STOCK: Record<HeadLossName, (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor> = {
  binaryCrossentropy: (yTrue, yPred) => tf.metrics.binaryCrossentropy(yTrue, yPred),
  categoricalCrossentropy: (yTrue, yPred) => tf.metrics.categoricalCrossentropy(yTrue, yPred),
  meanSquaredError: (yTrue, yPred) => tf.metrics.meanSquaredError(yTrue, yPred),
  meanAbsoluteError: (yTrue, yPred) => tf.metrics.meanAbsoluteError(yTrue, yPred),
  sigmoidCrossEntropy: (yTrue, yPred) => tf.mean(tf.losses.sigmoidCrossEntropy(yTrue, yPred, undefined, 0, tf.Reduction.NONE), -1),
  softmaxCrossEntropy: (yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred, undefined, 0, tf.Reduction.NONE),
};

/**
 * Labels and predictions of one loss, the same on every backend; the cross-entropies' last row is 0s and a 1,
 * where the clip bites; the logits' last row is large (±30, 40), where a careless σ(x) − y or log(1 + eˣ) fails.
 */
function problem({ loss, weighted }: HeadLossCase) {
  const [batch, units] = loss === 'binaryCrossentropy' || loss === 'sigmoidCrossEntropy' ? [9, 3] : [9, 4];
  const weights = weighted ? tf.add(r([batch], 'positive', 5), 0.1) : undefined;
  if (loss === 'meanSquaredError' || loss === 'meanAbsoluteError') return { yTrue: r([batch, units], 'normal', 1), yPred: r([batch, units], 'normal', 2), weights };
  if (loss === 'sigmoidCrossEntropy' || loss === 'softmaxCrossEntropy') {
    const large = tf.tensor2d([[30, -30, 40, -40].slice(0, units)]);
    const yPred = tf.concat([tf.mul(r([batch - 1, units], 'normal', 2), 3), large]);
    const yTrue = loss === 'sigmoidCrossEntropy' ? tf.cast(tf.greater(r([batch, units], 'normal', 3), 0), 'float32') : tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3, 1], 'int32'), units).toFloat();
    return { yTrue, yPred, weights };
  }
  const probabilities = loss === 'binaryCrossentropy' ? tf.sigmoid(r([batch, units], 'normal', 2)) : tf.softmax(r([batch, units], 'normal', 2));
  const edges = tf.tensor2d([Array.from({ length: units }, (_, i) => (i === 0 ? 1 : 0))]);
  const yPred = tf.concat([probabilities.slice([0, 0], [batch - 1, units]), edges]);
  const yTrue = loss === 'binaryCrossentropy' ? tf.cast(tf.greater(r([batch, units], 'normal', 3), 0), 'float32') : tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3, 1], 'int32'), units).toFloat();
  return { yTrue, yPred, weights };
}

/** The loss and its gradient for yPred: the stock ops (weights and batch mean included), or the kernels. */
function lossAndGradient(c: HeadLossCase, kernels: boolean): Float32Array[] {
  return tf.tidy(() => {
    const { yTrue, yPred, weights } = problem(c);
    const data: tf.NamedTensorMap = weights === undefined ? { yTrue } : { yTrue, weights };
    const attrs = { loss: c.loss, epsilon: 1e-7, atenOps: c.atenOps };
    const stock = (prediction: tf.Tensor) => {
      const perExample = STOCK[c.loss](yTrue, prediction);
      return tf.mean(weights === undefined ? perExample : tf.mul(perExample, weights)) as tf.Scalar;
    };
    const dy = tf.scalar(1.5);
    const [value, gradient] = kernels
      ? [tf.engine().runKernel(HEAD_LOSS_KERNELS.forward, { ...data, yPred }, attrs) as tf.Tensor, tf.engine().runKernel(HEAD_LOSS_KERNELS.backward, { ...data, yPred, dy }, attrs) as tf.Tensor]
      : [stock(yPred), tf.grad(stock)(yPred, dy)];
    return [value.dataSync() as Float32Array, gradient.dataSync() as Float32Array];
  });
}

/** The head loss kernels on `backend` against the stock ops on cpu: worst relative error of the loss and its gradient. Leaves `backend` active. */
export async function headLossAgreement(c: HeadLossCase, backend = 'torch'): Promise<{ worstError: number; leakedTensors: number }> {
  const { expected, actual, leakedTensors } = await onCpuThen(() => lossAndGradient(c, false), backend, () => lossAndGradient(c, true));
  return { worstError: worstOverArrays(actual, expected), leakedTensors };
}
