import * as tf from '@tensorflow/tfjs';
import { KernelCase } from './kernel-cases';

/** How one kernel case on `backend` compares with the tfjs cpu kernel. */
export interface KernelAgreement {
  /** Output shapes and dtypes, on each side, as `[shape, dtype]` pairs. */
  actual: Array<[number[], tf.DataType]>;
  expected: Array<[number[], tf.DataType]>;
  /** Worst elementwise |actual − expected| / max(1, |expected|) over every output; Infinity for a NaN mismatch. */
  worstError: number;
  /** Tensors the case left alive on `backend` (0 when intermediates are freed). */
  leakedTensors: number;
}

interface Output {
  shape: number[];
  dtype: tf.DataType;
  values: number[];
}

function outputsOf(testCase: KernelCase): Output[] {
  return tf.tidy(() => {
    const result = testCase.run();
    return (Array.isArray(result) ? result : [result]).map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync() as ArrayLike<number>) }));
  });
}

/** Elementwise |actual − expected| / max(1, |expected|), worst of all; NaN must meet NaN. */
export function worstRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) || Number.isNaN(a)) worst = Math.max(worst, Number.isNaN(e) && Number.isNaN(a) ? 0 : Infinity);
    else if (a !== e) worst = Math.max(worst, Math.abs(a - e) / Math.max(1, Math.abs(e)));
  }
  return actual.length === expected.length ? worst : Infinity;
}

/** Runs `reference` on the cpu backend, then `run` on `backend` (left active), counting the tfjs tensors `run` leaves. */
export async function onCpuThen<T>(reference: () => T, backend: string, run: () => T): Promise<{ expected: T; actual: T; leakedTensors: number }> {
  await tf.setBackend('cpu');
  const expected = reference();
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const actual = run();
  return { expected, actual, leakedTensors: tf.memory().numTensors - before };
}

/** Worst relative error over arrays of values, Infinity when their counts differ. */
export function worstOverArrays(actual: ArrayLike<number>[], expected: ArrayLike<number>[]): number {
  return actual.length === expected.length ? Math.max(0, ...actual.map((values, i) => worstRelativeError(values, expected[i]))) : Infinity;
}

/** Runs `testCase` on the tfjs cpu kernels and on `backend`, and compares. Leaves `backend` active. */
export async function kernelAgreement(testCase: KernelCase, backend = 'torch'): Promise<KernelAgreement> {
  const run = () => outputsOf(testCase);
  const { expected, actual, leakedTensors } = await onCpuThen(run, backend, run);
  return {
    actual: actual.map((o) => [o.shape, o.dtype]),
    expected: expected.map((o) => [o.shape, o.dtype]),
    worstError: worstOverArrays(
      actual.map((o) => o.values),
      expected.map((o) => o.values),
    ),
    leakedTensors,
  };
}
