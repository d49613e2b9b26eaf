import * as tf from '@tensorflow/tfjs';
import { fusedRecurrentClass, withOrthogonalInitializer } from './fused-recurrent-call';
import { ResetAfterGRUCell } from './reset-after-gru-cell';

/** tfjs-layers' LSTM arguments (`units`, `returnSequences`, `returnState`, `goBackwards`, …), unchanged. */
export type FusedLSTMArgs = Parameters<typeof tf.layers.lstm>[0];
/** tfjs-layers' GRU arguments, and Keras's `resetAfter`, which tfjs-layers rejects (see `FusedGRU`). */
export type FusedGRUArgs = Parameters<typeof tf.layers.gru>[0] & {
  /**
   * Keras's `reset_after`: the reset gate scales the recurrent part of the candidate after its product, with a
   * second, recurrent bias (`[2, 3·units]`); cuDNN's and PyTorch's GRU, and Keras's default since 2.3. Defaults to
   * false, tfjs-layers' GRU.
   */
  resetAfter?: boolean;
};

/**
 * tfjs-layers' LSTM (kernel `[features, 4·units]`, gates i, f, c, o) as className 'LSTM', one native kernel
 * per pass on torch (see `fusedRecurrentClass`). Input `[batch, steps, features]` (an upstream Embedding /
 * Masking mask honoured) → `[batch, units]`, or `[batch, steps, units]` with `returnSequences`; then h and c
 * `[batch, units]` with `returnState`.
 */
export const FusedLSTM = fusedRecurrentClass<ReturnType<typeof tf.layers.lstm>, FusedLSTMArgs>('lstm', 'LSTM');
export type FusedLSTM = InstanceType<typeof FusedLSTM>;

const FusedStockGRU = fusedRecurrentClass<ReturnType<typeof tf.layers.gru>, FusedGRUArgs>('gru', 'GRU');

/**
 * tfjs-layers' GRU (kernel `[features, 3·units]`, gates z, r, h, reset applied before the recurrent product)
 * as className 'GRU', likewise; with `returnState` it returns h. With `resetAfter` its cell is
 * `ResetAfterGRUCell` (bias `[2, 3·units]`), saved with `resetAfter: true` as Keras saves it.
 *
 * tfjs rebuilds a layer from its config through its class registry (a Bidirectional wrapper's two halves, loading,
 * cloning), and stock tfjs-layers' GRU rejects `resetAfter: true`: so constructing a reset-after FusedGRU registers
 * this class as 'GRU', as `installFusedLayers()` does (for any other config it computes what the stock GRU does), and
 * `registerLayersToLoad` does the same before a saved one is loaded.
 */
export class FusedGRU extends FusedStockGRU {
  constructor(args: FusedGRUArgs) {
    super({ ...args, resetAfter: false });
    if (args.resetAfter === true) {
      tf.serialization.registerClass(FusedGRU);
      (this as { cell: tf.layers.RNNCell }).cell = new ResetAfterGRUCell(withOrthogonalInitializer(args));
    }
  }
}
