import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, adamUpdateInputs } from '@mimo/kernels';
import { onCpuThen, worstOverArrays } from './kernel-agreement';
import { randomTensor as r } from './random-tensor';

const ATTRS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, learningRate: 0.01 };
/** The update's number t, and the bias-corrected rate the kernel works out from it. */
const ITERATION = 3;
const ALPHA = (ATTRS.learningRate * Math.sqrt(1 - ATTRS.beta2 ** ITERATION)) / (1 - ATTRS.beta1 ** ITERATION);

/** The shapes of the variables updated in one call, and whether the kernel runs its ATen form (what cuda runs) instead of the cpu's one pass. */
export interface AdamCase {
  shapes: number[][];
  atenOps: boolean;
}

/** [5, 7]: one pass; [300, 300]: split across threads; [0]: empty; three variables in one call; then the ATen form. */
export const ADAM_CASES: AdamCase[] = [
  { shapes: [[5, 7]], atenOps: false },
  { shapes: [[300, 300]], atenOps: false },
  { shapes: [[0]], atenOps: false },
  { shapes: [[5, 7], [300, 300], [1]], atenOps: false },
  { shapes: [[5, 7], [3]], atenOps: true },
];

/** A case's label: its shapes, and whether it runs ATen ops. */
export function adamCaseLabel(c: AdamCase): string {
  return `${c.shapes.map((shape) => JSON.stringify(shape)).join(' ')}${c.atenOps ? ' (ATen ops)' : ''}`;
}

/** Variable, gradient and moments (v ≥ 0) of each shape, the same on every backend. */
const problem = (shapes: number[][]) =>
  shapes.map((shape, i) => ({ variable: r(shape, 'normal', 4 * i + 1), gradient: r(shape, 'normal', 4 * i + 2), m: tf.mul(r(shape, 'normal', 4 * i + 3), 0.1), v: r(shape, 'positive', 4 * i + 4) }));

/** The Adam kernel on `backend` against the formula in tfjs ops on cpu: worst relative error of every w', m', v'. Leaves `backend` active. */
export async function adamAgreement(c: AdamCase, backend = 'torch'): Promise<{ worstError: number; outputs: number; leakedTensors: number }> {
  const reference = () =>
    tf.tidy(() =>
      problem(c.shapes).flatMap(({ variable, gradient, m, v }) => {
        const newM = tf.add(tf.mul(m, ATTRS.beta1), tf.mul(gradient, 1 - ATTRS.beta1));
        const newV = tf.add(tf.mul(v, ATTRS.beta2), tf.mul(tf.square(gradient), 1 - ATTRS.beta2));
        const newVariable = tf.sub(variable, tf.div(tf.mul(newM, ALPHA), tf.add(tf.sqrt(newV), ATTRS.epsilon)));
        return [newVariable, newM, newV].map((t) => t.dataSync());
      }),
    );
  const inputs = () => adamUpdateInputs(problem(c.shapes), tf.scalar(ITERATION, 'int32'));
  const run = () => tf.tidy(() => (tf.engine().runKernel(ADAM_UPDATE_KERNEL, inputs(), { ...ATTRS, atenOps: c.atenOps }) as unknown as tf.Tensor[]).map((t) => t.dataSync()));
  const { expected, actual, leakedTensors } = await onCpuThen(reference, backend, run);
  const worstError = worstOverArrays(actual, expected);
  return { worstError, outputs: actual.length, leakedTensors };
}
