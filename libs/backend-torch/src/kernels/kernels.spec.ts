import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { KERNEL_CASES, KernelCase } from '../testing/kernel-cases';
import { RECURRENT_KERNEL_NAMES, TORCH_KERNELS } from './index';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

interface Output {
  shape: number[];
  dtype: tf.DataType;
  values: number[];
}

async function runOn(backend: string, testCase: KernelCase): Promise<Output[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const result = testCase.run();
    return (Array.isArray(result) ? result : [result]).map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync() as ArrayLike<number>) }));
  });
}

/** Elementwise |torch − cpu| ≤ 1e-5 · max(1, |cpu|); NaN must match NaN. */
function worstError(actual: number[], expected: number[]): number {
  let worst = 0;
  actual.forEach((a, i) => {
    const e = expected[i];
    if (Number.isNaN(e) || Number.isNaN(a)) worst = Math.max(worst, Number.isNaN(e) && Number.isNaN(a) ? 0 : Infinity);
    else if (a !== e) worst = Math.max(worst, Math.abs(a - e) / Math.max(1, Math.abs(e)));
  });
  return worst;
}

describeTorch('torch kernels against the tfjs cpu kernels', () => {
  afterAll(() => tf.setBackend('cpu'));

  it('has a case for every native kernel', () => {
    // The recurrent kernels have no cpu twin: recurrent.spec.ts compares them with tfjs-layers' LSTM / GRU.
    const tested = new Set([...KERNEL_CASES.map((c) => c.kernel), ...Object.values(RECURRENT_KERNEL_NAMES)]);
    expect(TORCH_KERNELS.map((c) => c.kernelName).filter((name) => !tested.has(name))).toEqual([]);
  });

  it.each(KERNEL_CASES.map((c) => [`${c.kernel} (${c.label})`, c] as const))('%s', async (_, testCase) => {
    const expected = await runOn('cpu', testCase);
    const before = tf.memory().numTensors;
    const actual = await runOn('torch', testCase);

    expect(tf.memory().numTensors).toBe(before);
    expect(actual.map((o) => [o.shape, o.dtype])).toEqual(expected.map((o) => [o.shape, o.dtype]));
    actual.forEach((output, i) => expect(worstError(output.values, expected[i].values)).toBeLessThanOrEqual(1e-5));
  });
});
