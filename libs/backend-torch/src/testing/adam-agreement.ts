import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, adamUpdateInputs } from '@mimo/kernels';
import { onCpuThen, worstOverArrays } from './kernel-agreement';
import { randomTensor as r } from './random-tensor';

const ATTRS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, learningRate: 0.01 };
/** The update's number t, and the bias-corrected rate the kernel works out from it. */
const ITERATION = 3;
const ALPHA = (ATTRS.learningRate * Math.sqrt(1 - ATTRS.beta2 ** ITERATION)) / (1 - ATTRS.beta1 ** ITERATION);

/**
 * The shapes of the variables updated in one call; whether the kernel runs its ATen form (what cuda runs) instead
 * of the cpu's one pass; and what else holds each w, m and v: nothing (then the cpu's pass writes them in place), a
 * clone (shares their data), or a slice (a view of their memory).
 */
export interface AdamCase {
  shapes: number[][];
  atenOps: boolean;
  sharedBy?: 'clone' | 'slice';
}

/** [5, 7]: one pass; [300, 300]: split across threads; [0]: empty; three variables in one call; then the ATen form. */
export const ADAM_CASES: AdamCase[] = [
  { shapes: [[5, 7]], atenOps: false, sharedBy: 'clone' },
  { shapes: [[300, 300]], atenOps: false, sharedBy: 'clone' },
  { shapes: [[0]], atenOps: false, sharedBy: 'clone' },
  { shapes: [[5, 7], [300, 300], [1]], atenOps: false, sharedBy: 'clone' },
  { shapes: [[5, 7], [300, 300], [1]], atenOps: false },
  { shapes: [[0], [3]], atenOps: false },
  { shapes: [[5, 7], [3]], atenOps: false, sharedBy: 'slice' },
  { shapes: [[5, 7], [3]], atenOps: true },
];

/** A case's label: its shapes, whether it runs ATen ops, and what shares the variables. */
export function adamCaseLabel(c: AdamCase): string {
  return `${c.shapes.map((shape) => JSON.stringify(shape)).join(' ')}${c.atenOps ? ' (ATen ops)' : ''}${c.sharedBy ? `, shared by a ${c.sharedBy}` : ', nothing else holding them'}`;
}

/**
 * How many tensors the kernel returns on `device`: none where w, m and v take the update themselves — on the cpu,
 * when no other tfjs tensor holds their data (written in place, or given new memory where a slice shares theirs) —
 * else w', m' and v' of each variable.
 */
export function expectedAdamOutputs(c: AdamCase, device: string): number {
  const takenByTheVariables = device === 'cpu' && !c.atenOps && c.sharedBy !== 'clone';
  return takenByTheVariables ? 0 : 3 * c.shapes.length;
}

/** Variable, gradient and moments (v ≥ 0) of each shape, the same on every backend. */
const problem = (shapes: number[][]) =>
  shapes.map((shape, i) => ({ variable: r(shape, 'normal', 4 * i + 1), gradient: r(shape, 'normal', 4 * i + 2), m: tf.mul(r(shape, 'normal', 4 * i + 3), 0.1), v: r(shape, 'positive', 4 * i + 4) }));

/**
 * The Adam kernel on `backend` against the formula in tfjs ops on cpu: worst relative error of every w', m', v' (read
 * from w, m and v themselves when the kernel gave no outputs: written in place), the kernel's output count, and
 * whether every clone or slice that shared them kept its values. Leaves `backend` active.
 */
export async function adamAgreement(c: AdamCase, backend = 'torch'): Promise<{ worstError: number; outputs: number; sharersKept: boolean; leakedTensors: number }> {
  const reference = () =>
    tf.tidy(() =>
      problem(c.shapes).flatMap(({ variable, gradient, m, v }) => {
        const newM = tf.add(tf.mul(m, ATTRS.beta1), tf.mul(gradient, 1 - ATTRS.beta1));
        const newV = tf.add(tf.mul(v, ATTRS.beta2), tf.mul(tf.square(gradient), 1 - ATTRS.beta2));
        const newVariable = tf.sub(variable, tf.div(tf.mul(newM, ALPHA), tf.add(tf.sqrt(newV), ATTRS.epsilon)));
        return [newVariable, newM, newV].map((t) => t.dataSync());
      }),
    );
  let outputs = -1;
  let sharersKept = false;
  const run = () =>
    tf.tidy(() => {
      const parts = problem(c.shapes);
      const written = parts.flatMap(({ variable, m, v }) => [variable, m, v]);
      const sharers = c.sharedBy === undefined ? [] : written.map((t) => (c.sharedBy === 'clone' ? t.clone() : tf.slice(t, 0, Math.min(1, t.shape[0]))));
      const before = sharers.map((t) => Array.from(t.dataSync()));
      const updated = tf.engine().runKernel(ADAM_UPDATE_KERNEL, adamUpdateInputs(parts, tf.scalar(ITERATION, 'int32')), { ...ATTRS, atenOps: c.atenOps }) as unknown as tf.Tensor[];
      outputs = updated.length;
      sharersKept = sharers.every((t, i) => tf.util.arraysEqual(Array.from(t.dataSync()), before[i]));
      return (updated.length > 0 ? updated : written).map((t) => t.dataSync());
    });
  const { expected, actual, leakedTensors } = await onCpuThen(reference, backend, run);
  const worstError = worstOverArrays(actual, expected);
  return { worstError, outputs, sharersKept, leakedTensors };
}
