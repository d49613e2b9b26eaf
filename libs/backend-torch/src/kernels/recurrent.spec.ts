import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { RECURRENT_CASES, recurrentAgreement, recurrentCaseLabel } from '../testing/recurrent-agreement';
import { RECURRENT_KERNEL_NAMES } from './recurrent';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

describeTorch('whole-sequence recurrent kernels against stock tfjs-layers on cpu', () => {
  afterAll(() => tf.setBackend('cpu'));

  it.each(RECURRENT_CASES.map((c) => [recurrentCaseLabel(c), c] as const))('%s: outputs and every gradient within 1e-5', async (_, c) => {
    const agreement = await recurrentAgreement(c);
    expect(agreement.leakedTensors).toBe(0);
    expect(agreement.missing).toEqual([]);
    expect(Object.entries(agreement.worstErrors).filter(([, error]) => !(error <= 1e-5))).toEqual([]);
    expect(agreement.maskedRowKept).toBe(true);
  });

  it('names a bad weight shape and an unsupported gate activation', async () => {
    await tf.setBackend('torch');
    const x = tf.zeros([2, 3, 4]);
    const inputs = { x, kernel: tf.zeros([4, 10]), recurrentKernel: tf.zeros([3, 12]), initialH: tf.zeros([2, 3]), initialC: tf.zeros([2, 3]) };
    const run = (recurrentActivation: string) => tf.engine().runKernel(RECURRENT_KERNEL_NAMES.lstm, inputs, { recurrentActivation });
    expect(() => run('sigmoid')).toThrow('recurrent kernel must have shape [4, 12]. Received: [4, 10]');
    expect(() => run('relu')).toThrow("recurrent gate activation must be 'hardSigmoid' or 'sigmoid'. Received: 'relu'");
    tf.dispose(Object.values(inputs));
  });
});
