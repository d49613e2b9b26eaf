import * as tf from '@tensorflow/tfjs';
import { RECURRENT_INPUTS, RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';
import { NativeTensor } from '../native/torch-addon';
import { torchKernel } from './kernel';

// The whole-sequence LSTM / GRU kernels of @mimo/kernels' contract (RECURRENT_SEQUENCE_KERNELS), run by
// native/recurrent.cc (LSTM), gru.cc and gru_reset_after.cc.

// A reset-after GRU runs the op named `gru_reset_after_<pass>` (`gru_forward` → `gru_reset_after_forward`).
function recurrentKernel(kernelName: string, op: string, extraInputs: string[]): tf.KernelConfig {
  const resetAfterOp = op.replace('_', '_reset_after_');
  return torchKernel(kernelName, ({ inputs, attrs, backend }) => {
    if (attrs.resetAfter === true && !op.startsWith('gru_')) throw new Error(`${kernelName}: resetAfter is a GRU's attribute (Keras's reset_after); an LSTM has none.`);
    const args = [...RECURRENT_INPUTS, ...extraInputs].map((name) => inputs[name] ?? null);
    const results = backend.recurrent(attrs.resetAfter === true ? resetAfterOp : op, args, String(attrs.recurrentActivation), { atenOps: attrs.atenOps === true, libtorchRnn: attrs.libtorchRnn === true });
    return results.filter((result): result is NativeTensor => result !== null);
  });
}

export const recurrentKernels: tf.KernelConfig[] = [
  recurrentKernel(RECURRENT_SEQUENCE_KERNELS.lstm.forward, 'lstm_forward', []),
  recurrentKernel(RECURRENT_SEQUENCE_KERNELS.lstm.backward, 'lstm_backward', ['states', 'dStates']),
  recurrentKernel(RECURRENT_SEQUENCE_KERNELS.gru.forward, 'gru_forward', []),
  recurrentKernel(RECURRENT_SEQUENCE_KERNELS.gru.backward, 'gru_backward', ['states', 'dStates']),
];
