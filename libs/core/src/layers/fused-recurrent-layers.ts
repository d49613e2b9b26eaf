import * as tf from '@tensorflow/tfjs';
import { fusedRecurrentClass } from './fused-recurrent-call';

/** tfjs-layers' LSTM arguments (`units`, `returnSequences`, `returnState`, `goBackwards`, …), unchanged. */
export type FusedLSTMArgs = Parameters<typeof tf.layers.lstm>[0];
/** tfjs-layers' GRU arguments, unchanged. */
export type FusedGRUArgs = Parameters<typeof tf.layers.gru>[0];

/**
 * tfjs-layers' LSTM (kernel `[features, 4·units]`, gates i, f, c, o) as className 'LSTM', one native kernel
 * per pass on torch (see `fusedRecurrentClass`). Input `[batch, steps, features]` (an upstream Embedding /
 * Masking mask honoured) → `[batch, units]`, or `[batch, steps, units]` with `returnSequences`; then h and c
 * `[batch, units]` with `returnState`.
 */
export const FusedLSTM = fusedRecurrentClass<ReturnType<typeof tf.layers.lstm>, FusedLSTMArgs>('lstm', 'LSTM');
export type FusedLSTM = InstanceType<typeof FusedLSTM>;

/**
 * tfjs-layers' GRU (kernel `[features, 3·units]`, gates z, r, h, reset applied before the recurrent product)
 * as className 'GRU', likewise; with `returnState` it returns h.
 */
export const FusedGRU = fusedRecurrentClass<ReturnType<typeof tf.layers.gru>, FusedGRUArgs>('gru', 'GRU');
export type FusedGRU = InstanceType<typeof FusedGRU>;
