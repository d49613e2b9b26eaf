import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { FusedGRU, FusedLSTM, MaskedGlobalAveragePooling1D } from '../layers';
import { BuildContext } from '../model/build-context';

export const RecurrentCellSchema = z.enum(['lstm', 'gru']).describe('Recurrent cell.');

/** The gates' activation: tfjs-layers' default hard-sigmoid, or the sigmoid of Keras 2, PyTorch and cuDNN. */
export const RecurrentGatesSchema = z.enum(['hardSigmoid', 'sigmoid']);

/** An encoder's `gates` field, described once for every encoder with recurrent layers. */
export const recurrentGatesField = () =>
  RecurrentGatesSchema.default('hardSigmoid').describe(
    "Gate activation (lstm / gru only): tfjs-layers' hardSigmoid, or sigmoid as Keras 2 and PyTorch; on cuda a sigmoid LSTM, or a sigmoid GRU with resetAfter, runs on cuDNN, masked too when its mask is padding at the end only (not a bidirectional layer's backward half). Defaults to hardSigmoid.",
  );

/** An encoder's `resetAfter` field, described once for every encoder with recurrent layers. */
export const recurrentResetAfterField = () =>
  z
    .boolean()
    .default(false)
    .describe(
      "GRU only: Keras's reset_after, the reset gate applied after the recurrent product, with a second (recurrent) bias: Keras's default since 2.3, PyTorch's and cuDNN's GRU. Defaults to false, tfjs-layers' GRU.",
    );

export interface RecurrentOptions {
  cell: z.infer<typeof RecurrentCellSchema>;
  /** hardSigmoid unless given. */
  gates?: z.infer<typeof RecurrentGatesSchema>;
  /** GRU only: Keras's reset_after (false unless given). */
  resetAfter?: boolean;
  /** One recurrent layer per entry; all but the last return their whole sequence to the next. */
  units: number[];
  bidirectional: boolean;
  /** Explicit 0/1 step mask, needed to pool a bidirectional sequence. */
  mask?: tf.SymbolicTensor;
  needsSequence: boolean;
}

/** tfjs-layers' LSTM / GRU, run as one whole-sequence kernel on a backend that has it (torch). */
function rnnLayer(options: RecurrentOptions, units: number, ctx: BuildContext, returnSequences: boolean, returnState: boolean, suffix: string): tf.layers.RNN {
  const args = {
    units,
    recurrentActivation: options.gates ?? 'hardSigmoid',
    returnSequences,
    returnState,
    kernelInitializer: ctx.kernelInitializer(),
    recurrentInitializer: ctx.recurrentInitializer(),
    name: ctx.name(`${options.cell}${suffix}`),
  };
  return options.cell === 'lstm' ? new FusedLSTM(args) : new FusedGRU({ ...args, resetAfter: options.resetAfter === true });
}

/**
 * Runs a stack of LSTM / GRU layers over `[batch, steps, d]` (honouring an upstream Keras mask, which each layer
 * passes on) and returns the last layer's final state `[batch, units]` (`2·units` when bidirectional) plus, when
 * asked, its per-step outputs.
 */
export function buildRecurrent(
  x: tf.SymbolicTensor,
  options: RecurrentOptions,
  ctx: BuildContext,
): { features: tf.SymbolicTensor; sequence?: tf.SymbolicTensor } {
  // Lower layers are named `lstm_1`, `lstm_2`, …; the top one keeps the one-layer name (`lstm`).
  const wrap = (units: number, returnSequences: boolean, suffix: string): tf.layers.Layer =>
    options.bidirectional
      ? tf.layers.bidirectional({ layer: rnnLayer(options, units, ctx, returnSequences, false, suffix), mergeMode: 'concat', name: ctx.name(`bi_${options.cell}${suffix}`) })
      : rnnLayer(options, units, ctx, returnSequences, false, suffix);
  const lower = options.units.slice(0, -1);
  const top = options.units[options.units.length - 1];
  lower.forEach((units, i) => (x = wrap(units, true, `_${i + 1}`).apply(x) as tf.SymbolicTensor));
  if (options.bidirectional) {
    const bidirectional = (returnSequences: boolean) => wrap(top, returnSequences, '');
    if (!options.needsSequence) return { features: bidirectional(false).apply(x) as tf.SymbolicTensor };
    const sequence = bidirectional(true).apply(x) as tf.SymbolicTensor;
    const poolInputs = options.mask ? [sequence, options.mask] : sequence;
    const features = new MaskedGlobalAveragePooling1D({ name: ctx.name('pool') }).apply(poolInputs) as tf.SymbolicTensor;
    return { features, sequence };
  }
  if (!options.needsSequence) return { features: rnnLayer(options, top, ctx, false, false, '').apply(x) as tf.SymbolicTensor };
  // returnState gives the last *unmasked* state, which is what the features must be.
  const [sequence, state] = rnnLayer(options, top, ctx, true, true, '').apply(x) as tf.SymbolicTensor[];
  return { features: state, sequence };
}
