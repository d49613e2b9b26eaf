import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { kernelAgreement } from '../testing/kernel-agreement';
import { KERNEL_CASES } from '../testing/kernel-cases';
import { ADAM_UPDATE_KERNEL, DENSE_KERNELS, DROPOUT_MASK_KERNEL, HEAD_LOSS_KERNELS, RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';
import { TORCH_KERNELS } from './index';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

describeTorch('torch kernels against the tfjs cpu kernels', () => {
  afterAll(() => tf.setBackend('cpu'));

  it('has a case for every native kernel', () => {
    // The recurrent, Dense, Adam, dropout-mask and head loss kernels have no cpu twin: recurrent.spec.ts, dense.spec.ts, optimizer.spec.ts, dropout.spec.ts and head-loss.spec.ts check them.
    const tested = new Set([...KERNEL_CASES.map((c) => c.kernel), ...Object.values(RECURRENT_SEQUENCE_KERNELS).flatMap((k) => Object.values(k)), ...Object.values(DENSE_KERNELS), ...Object.values(HEAD_LOSS_KERNELS), ADAM_UPDATE_KERNEL, DROPOUT_MASK_KERNEL]);
    expect(TORCH_KERNELS.map((c) => c.kernelName).filter((name) => !tested.has(name))).toEqual([]);
  });

  it.each(KERNEL_CASES.map((c) => [`${c.kernel} (${c.label})`, c] as const))('%s', async (_, testCase) => {
    const agreement = await kernelAgreement(testCase);
    expect(agreement.leakedTensors).toBe(0);
    expect(agreement.actual).toEqual(agreement.expected);
    expect(agreement.worstError).toBeLessThanOrEqual(1e-5);
  });
});
