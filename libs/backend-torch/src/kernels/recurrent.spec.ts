import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { RECURRENT_CASES, recurrentAgreement, recurrentCaseLabel } from '../testing/recurrent-agreement';
import { RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';

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
    // On the cpu only the cases that ask for it run libtorch's at::lstm / at::gru, and not with a mask that has a hole; the
    // others keep Mimo's own passes.
    expect(agreement.libtorchPath).toBe(c.libtorchRnn === true && (!c.masked || c.postPadded === true));
  });

  it.each([
    ['lstm', RECURRENT_SEQUENCE_KERNELS.lstm.forward, RECURRENT_SEQUENCE_KERNELS.lstm.backward, 4, false, 6],
    ['gru', RECURRENT_SEQUENCE_KERNELS.gru.forward, RECURRENT_SEQUENCE_KERNELS.gru.backward, 3, false, 4],
    ['reset-after gru', RECURRENT_SEQUENCE_KERNELS.gru.forward, RECURRENT_SEQUENCE_KERNELS.gru.backward, 3, true, 5],
  ] as const)('%s: an empty batch gives empty states and zero weight gradients', async (cell, forward, backward, gates, resetAfter, width) => {
    await tf.setBackend('torch');
    const inputs: tf.NamedTensorMap = { x: tf.zeros([0, 3, 4]), kernel: tf.ones([4, gates * 2]), recurrentKernel: tf.ones([2, gates * 2]), initialH: tf.zeros([0, 2]) };
    if (cell === 'lstm') inputs.initialC = tf.zeros([0, 2]);
    const attrs = { recurrentActivation: 'sigmoid', resetAfter };
    const [states] = tf.engine().runKernel(forward, inputs, attrs) as unknown as tf.Tensor[];
    const grads = tf.engine().runKernel(backward, { ...inputs, states, dStates: tf.zerosLike(states) }, attrs) as unknown as tf.Tensor[];
    expect(states.shape).toEqual([0, 3, width * 2]);
    expect(grads.map((g) => g.shape)).toEqual([[0, 3, 4], [4, gates * 2], [2, gates * 2], [0, 2], ...(cell === 'lstm' ? [[0, 2]] : [])]);
    expect(Array.from(grads[1].dataSync()).every((v) => v === 0)).toBe(true);
    tf.dispose([...Object.values(inputs), states, ...grads]);
  });

  it('names a bad weight shape and an unsupported gate activation', async () => {
    await tf.setBackend('torch');
    const x = tf.zeros([2, 3, 4]);
    const inputs = { x, kernel: tf.zeros([4, 10]), recurrentKernel: tf.zeros([3, 12]), initialH: tf.zeros([2, 3]), initialC: tf.zeros([2, 3]) };
    const run = (recurrentActivation: string) => tf.engine().runKernel(RECURRENT_SEQUENCE_KERNELS.lstm.forward, inputs, { recurrentActivation });
    expect(() => run('sigmoid')).toThrow('recurrent kernel must have shape [4, 12]. Received: [4, 10]');
    expect(() => run('relu')).toThrow("recurrent gate activation must be 'hardSigmoid' or 'sigmoid'. Received: 'relu'");
    // The backward pass reads states by pointer on the cpu: a wrong shape is refused, not read out of bounds.
    const good = { ...inputs, kernel: tf.zeros([4, 12]) };
    const backward = (states: tf.Tensor, dStates: tf.Tensor) =>
      tf.engine().runKernel(RECURRENT_SEQUENCE_KERNELS.lstm.backward, { ...good, states, dStates }, { recurrentActivation: 'sigmoid' });
    const states = tf.zeros([2, 3, 18]);
    expect(() => tf.tidy(() => backward(states, tf.zeros([2, 2, 18])))).toThrow('recurrent states gradient must have shape [2, 3, 18]. Received: [2, 2, 18]');
    expect(() => tf.tidy(() => backward(tf.zeros([2, 3, 6]), states))).toThrow('recurrent states must have shape [2, 3, 18]. Received: [2, 3, 6]');
    tf.dispose([...Object.values(inputs), good.kernel, states]);
  });

  it("names a reset-after GRU's bias of the wrong shape, and resetAfter on an LSTM", async () => {
    await tf.setBackend('torch');
    const gru = { x: tf.zeros([2, 3, 4]), kernel: tf.zeros([4, 9]), recurrentKernel: tf.zeros([3, 9]), bias: tf.zeros([9]), initialH: tf.zeros([2, 3]) };
    const attrs = { recurrentActivation: 'sigmoid', resetAfter: true };
    expect(() => tf.engine().runKernel(RECURRENT_SEQUENCE_KERNELS.gru.forward, gru, attrs)).toThrow('recurrent bias must have shape [2, 9]. Received: [9]');
    const lstm = { ...gru, kernel: tf.zeros([4, 12]), recurrentKernel: tf.zeros([3, 12]), bias: tf.zeros([12]), initialC: tf.zeros([2, 3]) };
    expect(() => tf.engine().runKernel(RECURRENT_SEQUENCE_KERNELS.lstm.forward, lstm, attrs)).toThrow("resetAfter is a GRU's attribute");
    tf.dispose([...Object.values(gru), ...Object.values(lstm)]);
  });
});
