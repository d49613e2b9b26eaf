import * as tf from '@tensorflow/tfjs';
import { DENSE_ACTIVATIONS, DENSE_KERNELS } from '@mimo/kernels';
import { onCpuThen, worstOverArrays } from './kernel-agreement';
import { randomTensor as r } from './random-tensor';

/** One configuration of the Dense kernels: activation, input shape (last dim 4), bias. */
export interface DenseCase {
  activation: (typeof DENSE_ACTIVATIONS)[number];
  xShape: number[];
  withBias: boolean;
}

/** Each activation on a [5, 4] input with a bias and a [2, 3, 4] one without. */
export const DENSE_CASES: DenseCase[] = DENSE_ACTIVATIONS.flatMap((activation) => [
  { activation, xShape: [5, 4], withBias: true },
  { activation, xShape: [2, 3, 4], withBias: false },
]);

/** x, kernel [4, 3], bias and the output's weights for a scalar loss, the same on every backend. */
const problem = (xShape: number[]) => ({ x: r(xShape, 'normal', 1), kernel: r([4, 3], 'normal', 2), bias: r([3], 'normal', 3), dy: r([...xShape.slice(0, -1), 3], 'normal', 4) });

/** y = activation(x·kernel + bias) in tfjs ops, and the gradients of Σ y·dy for x, kernel (and bias). */
function reference(c: DenseCase): number[][] {
  return tf.tidy(() => {
    const { x, kernel, bias, dy } = problem(c.xShape);
    const forward = (xv: tf.Tensor, k: tf.Tensor, b: tf.Tensor) => {
      const z = tf.add(tf.matMul(tf.reshape(xv, [-1, 4]), k), c.withBias ? b : 0);
      const y = c.activation === 'linear' ? z : (tf[c.activation](z) as tf.Tensor);
      return tf.reshape(y, dy.shape);
    };
    const loss = (...args: tf.Tensor[]) => tf.sum(tf.mul(forward(args[0], args[1], args[2] ?? bias), dy));
    const grads = tf.grads(loss)(c.withBias ? [x, kernel, bias] : [x, kernel]);
    return [forward(x, kernel, bias), ...grads].map((t) => Array.from(t.dataSync()));
  });
}

/** The same through the kernels: the output, then dx, dKernel (and dBias), with their shapes checked. */
function fused(c: DenseCase): number[][] {
  return tf.tidy(() => {
    const { x, kernel, bias, dy } = problem(c.xShape);
    const inputs: tf.NamedTensorMap = c.withBias ? { x, kernel, bias } : { x, kernel };
    const y = tf.engine().runKernel(DENSE_KERNELS.forward, inputs, { activation: c.activation }) as tf.Tensor;
    const grads = tf.engine().runKernel(DENSE_KERNELS.backward, { x, kernel, y, dy }, { activation: c.activation, hasBias: c.withBias }) as unknown as tf.Tensor[];
    const shapesRight = tf.util.arraysEqual(y.shape, dy.shape) && grads.every((g, i) => tf.util.arraysEqual(g.shape, [x, kernel, bias][i].shape));
    return shapesRight ? [y, ...grads].map((t) => Array.from(t.dataSync())) : [];
  });
}

/** The Dense kernels on `backend` against tfjs ops on cpu: worst relative error over the output and gradients. Leaves `backend` active. */
export async function denseAgreement(c: DenseCase, backend = 'torch'): Promise<{ worstError: number; leakedTensors: number }> {
  const { expected, actual, leakedTensors } = await onCpuThen(() => reference(c), backend, () => fused(c));
  return { worstError: worstOverArrays(actual, expected), leakedTensors };
}

/** A readable name of a case. */
export const denseCaseLabel = (c: DenseCase) => `${c.activation}, x ${JSON.stringify(c.xShape)}, ${c.withBias ? 'with' : 'no'} bias`;
