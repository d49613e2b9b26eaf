import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { torchKernel } from './kernel';

/**
 * Whole-sequence LSTM / GRU kernels (native/recurrent.cc), called by name by @mimo/core's LSTM and GRU
 * layers on any backend that registers them. Contract, with tfjs-layers' weight layout:
 * - inputs: x [batch, steps, features] float32, mask [batch, steps] 0/1 (optional), kernel
 *   [features, g·units], recurrentKernel [units, g·units], bias [g·units] (optional), initialH [batch, units],
 *   initialC (LSTM); g = 4 (gates i, f, c, o) for LSTM, 3 (z, r, h; reset before the recurrent product) for GRU.
 * - attrs: `recurrentActivation`, 'hardSigmoid' or 'sigmoid' (the candidate activation is tanh); `atenOps`
 *   (optional, for checks) runs each step as ATen ops, as on cuda, instead of the cpu's vectorised loop.
 * - forward output `states`, one tensor (so tf.customGrad can wrap it): per step h, for LSTM then c, then the
 *   activated gates the backward pass reuses (LSTM i, f, tanh candidate, o; GRU z, r, tanh candidate):
 *   [batch, steps, 6·units] for LSTM, [batch, steps, 4·units] for GRU. A masked step carries h and c forward.
 * - gradient kernels also take `states` and `dStates` (only its h and c parts are read) and return dx, dKernel,
 *   dRecurrentKernel, dBias (only with a bias), dInitialH, dInitialC (LSTM); they have no gradient themselves
 *   (first-order gradients only).
 */
export const RECURRENT_KERNEL_NAMES = {
  lstm: 'MimoLstmSequence',
  lstmGrad: 'MimoLstmSequenceGrad',
  gru: 'MimoGruSequence',
  gruGrad: 'MimoGruSequenceGrad',
} as const;

const COMMON_INPUTS = ['x', 'mask', 'kernel', 'recurrentKernel', 'bias', 'initialH', 'initialC'];

function recurrentKernel(kernelName: string, op: string, extraInputs: string[]): tf.KernelConfig {
  return torchKernel(kernelName, ({ inputs, attrs, backend }) => {
    const args = [...COMMON_INPUTS, ...extraInputs].map((name) => inputs[name] ?? null);
    const results = backend.recurrent(op, args, String(attrs.recurrentActivation), attrs.atenOps === true);
    return results.filter((result): result is NativeTensor => result !== null);
  });
}

export const recurrentKernels: tf.KernelConfig[] = [
  recurrentKernel(RECURRENT_KERNEL_NAMES.lstm, 'lstm_forward', []),
  recurrentKernel(RECURRENT_KERNEL_NAMES.lstmGrad, 'lstm_backward', ['states', 'dStates']),
  recurrentKernel(RECURRENT_KERNEL_NAMES.gru, 'gru_forward', []),
  recurrentKernel(RECURRENT_KERNEL_NAMES.gruGrad, 'gru_backward', ['states', 'dStates']),
];
