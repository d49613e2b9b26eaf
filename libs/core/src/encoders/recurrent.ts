import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { FusedGRU, FusedLSTM, MaskedGlobalAveragePooling1D } from '../layers';
import { BuildContext } from '../model/build-context';

export const RecurrentCellSchema = z.enum(['lstm', 'gru']).describe('Recurrent cell.');

export interface RecurrentOptions {
  cell: z.infer<typeof RecurrentCellSchema>;
  units: number;
  bidirectional: boolean;
  /** Explicit 0/1 step mask, needed to pool a bidirectional sequence. */
  mask?: tf.SymbolicTensor;
  needsSequence: boolean;
}

/** tfjs-layers' LSTM / GRU, run as one whole-sequence kernel on a backend that has it (torch). */
function rnnLayer(options: RecurrentOptions, ctx: BuildContext, returnSequences: boolean, returnState: boolean): tf.layers.RNN {
  const args = {
    units: options.units,
    returnSequences,
    returnState,
    kernelInitializer: ctx.kernelInitializer(),
    recurrentInitializer: ctx.recurrentInitializer(),
    name: ctx.name(options.cell),
  };
  return options.cell === 'lstm' ? new FusedLSTM(args) : new FusedGRU(args);
}

/**
 * Runs an LSTM / GRU over `[batch, steps, d]` (honouring an upstream Keras mask) and returns the
 * final state `[batch, units]` (`2·units` when bidirectional) plus, when asked, the per-step outputs.
 */
export function buildRecurrent(
  x: tf.SymbolicTensor,
  options: RecurrentOptions,
  ctx: BuildContext,
): { features: tf.SymbolicTensor; sequence?: tf.SymbolicTensor } {
  if (options.bidirectional) {
    const bidirectional = (returnSequences: boolean) =>
      tf.layers.bidirectional({ layer: rnnLayer(options, ctx, returnSequences, false), mergeMode: 'concat', name: ctx.name(`bi_${options.cell}`) });
    if (!options.needsSequence) return { features: bidirectional(false).apply(x) as tf.SymbolicTensor };
    const sequence = bidirectional(true).apply(x) as tf.SymbolicTensor;
    const poolInputs = options.mask ? [sequence, options.mask] : sequence;
    const features = new MaskedGlobalAveragePooling1D({ name: ctx.name('pool') }).apply(poolInputs) as tf.SymbolicTensor;
    return { features, sequence };
  }
  if (!options.needsSequence) return { features: rnnLayer(options, ctx, false, false).apply(x) as tf.SymbolicTensor };
  // returnState gives the last *unmasked* state, which is what the features must be.
  const [sequence, state] = rnnLayer(options, ctx, true, true).apply(x) as tf.SymbolicTensor[];
  return { features: state, sequence };
}
