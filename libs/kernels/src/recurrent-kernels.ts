/**
 * Whole-sequence LSTM / GRU kernels, with tfjs-layers' weight layout. They have no tfjs counterpart: a backend
 * without them runs the stock per-step tfjs-layers loop.
 * - inputs (`RECURRENT_INPUTS`, in this order): x [batch, steps, features] float32, mask [batch, steps] 0/1
 *   (optional), kernel [features, g·units], recurrentKernel [units, g·units], bias [g·units] (optional), initialH
 *   [batch, units], initialC (LSTM); g = 4 (gates i, f, c, o) for LSTM, 3 (z, r, h; reset before the recurrent
 *   product) for GRU. A GRU with `resetAfter` (Keras's reset_after, cuDNN's GRU) takes bias [2, 3·units]: the input
 *   bias, then the recurrent bias.
 * - attrs `RecurrentAttrs`.
 * - forward output `states`, one tensor (so tf.customGrad can wrap it): per step h, for LSTM then c, then the
 *   activated gates the backward pass reuses (LSTM i, f, tanh candidate, o; GRU z, r, tanh candidate):
 *   [batch, steps, 6·units] for LSTM, [batch, steps, 4·units] for GRU; a reset-after GRU's has h, then
 *   h·R_h + recurrent bias (the candidate's recurrent part, before the reset gate), then z, r and the candidate:
 *   [batch, steps, 5·units]. A masked step carries h and c forward.
 *   Callers read h per step and the last step's c (LSTM) or h: a backend may leave the rest zero (the torch
 *   backend's cuDNN path keeps no per-step c or gates), but the shape is always this one, whatever the values.
 * - gradient kernels also take `states` and `dStates` (only its h and c parts are read) and return dx, dKernel,
 *   dRecurrentKernel, dBias (only with a bias), dInitialH, dInitialC (LSTM); they have no gradient themselves
 *   (first-order gradients only). `dStates` is states-shaped, or `[batch, 1, width]` when only the last step's
 *   states have a gradient (a layer without returnSequences), which spares a states-sized zero tensor.
 */
export const RECURRENT_SEQUENCE_KERNELS = {
  lstm: { forward: 'MimoLstmSequence', backward: 'MimoLstmSequenceGrad' },
  gru: { forward: 'MimoGruSequence', backward: 'MimoGruSequenceGrad' },
} as const;

export type RecurrentCellKind = keyof typeof RECURRENT_SEQUENCE_KERNELS;

/** The inputs of a whole-sequence kernel, in order; the gradient kernels add `states` and `dStates`. */
export const RECURRENT_INPUTS = ['x', 'mask', 'kernel', 'recurrentKernel', 'bias', 'initialH', 'initialC'] as const;

export interface RecurrentAttrs {
  /** The gates' activation; the candidate's is tanh. */
  recurrentActivation: 'hardSigmoid' | 'sigmoid';
  /** GRU only: the reset gate scales the candidate's recurrent product after it (Keras's reset_after), bias [2, 3·units]. */
  resetAfter?: boolean;
  /**
   * For checks: run each step as ATen ops, Mimo's own cuda path, instead of the cpu's vectorised loop or, for a
   * sigmoid LSTM or reset-after GRU on cuda, libtorch's at::lstm / at::gru. Wins over `libtorchRnn`.
   */
  atenOps?: boolean;
  /**
   * For checks: run a sigmoid LSTM or reset-after GRU, unmasked or masked by padding at the end of its rows, through
   * libtorch's at::lstm / at::gru and autograd, as cuda does (cuDNN there).
   */
  libtorchRnn?: boolean;
}
