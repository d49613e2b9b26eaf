import * as tf from '@tensorflow/tfjs';
import { DENSE_ACTIVATIONS, DENSE_KERNELS } from '@mimo/kernels';
import { onCpuThen, worstOverArrays } from './kernel-agreement';
import { randomTensor as r } from './random-tensor';

/** One configuration of the Dense kernels: activation, input shape (its last dim the features), bias, units (3 unless given). */
export interface DenseCase {
  activation: (typeof DENSE_ACTIVATIONS)[number];
  xShape: number[];
  withBias: boolean;
  units?: number;
}

/**
 * Each activation on a [5, 4] input with a bias and a [2, 3, 4] one without; and a [70, 32] input into 48 units,
 * whose products (forward, dx through kernelᵀ, dKernel through xᵀ) run in AVX-512 registers where the CPU has them.
 */
export const DENSE_CASES: DenseCase[] = DENSE_ACTIVATIONS.flatMap((activation) => [
  { activation, xShape: [5, 4], withBias: true },
  { activation, xShape: [2, 3, 4], withBias: false },
  { activation, xShape: [70, 32], withBias: true, units: 48 },
  // dx's product on the AVX-512 path, with kernelᵀ's last 8 columns past the transpose's 16 × 16 blocks.
  { activation, xShape: [70, 48], withBias: true, units: 40 },
]);

/** x, kernel [features, units], bias and the output's weights for a scalar loss, the same on every backend. */
function problem(c: DenseCase) {
  const features = c.xShape[c.xShape.length - 1], units = c.units ?? 3;
  return { x: r(c.xShape, 'normal', 1), kernel: r([features, units], 'normal', 2), bias: r([units], 'normal', 3), dy: r([...c.xShape.slice(0, -1), units], 'normal', 4) };
}

/** y = activation(x·kernel + bias) in tfjs ops, and the gradients of Σ y·dy for x, kernel (and bias). */
function reference(c: DenseCase): number[][] {
  return tf.tidy(() => {
    const { x, kernel, bias, dy } = problem(c);
    const forward = (xv: tf.Tensor, k: tf.Tensor, b: tf.Tensor) => {
      const z = tf.add(tf.matMul(tf.reshape(xv, [-1, kernel.shape[0]]), k), c.withBias ? b : 0);
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
    const { x, kernel, bias, dy } = problem(c);
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
export const denseCaseLabel = (c: DenseCase) => `${c.activation}, x ${JSON.stringify(c.xShape)}, ${c.units ?? 3} units, ${c.withBias ? 'with' : 'no'} bias`;
