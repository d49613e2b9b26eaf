import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { MaskedGlobalAveragePooling1D, SequenceMask } from '../layers';
import { EncoderDefinition } from './encoded-input';
import { buildRecurrent } from './recurrent';

export const TextEncoderConfigSchema = z
  .object({
    type: z.literal('text').describe('Token ids → Embedding (mask_zero) → LSTM / GRU / mean pooling.'),
    embeddingDim: z.number().int().positive().default(32).describe('Size of each token vector. Defaults to 32.'),
    rnn: z.enum(['lstm', 'gru', 'none']).default('lstm').describe("Recurrent layer, or 'none' for masked mean pooling. Defaults to lstm."),
    units: z.number().int().positive().default(64).describe('Units of the recurrent layer. Defaults to 64.'),
    bidirectional: z.boolean().default(false).describe('Read the text both ways and concatenate. Defaults to false.'),
  })
  .describe('Text encoder: `[batch, maxLength] int32 (0 = PAD) → [batch, units] float32` (2·units if bidirectional).');

export type TextEncoderConfig = z.infer<typeof TextEncoderConfigSchema>;

/** An LSTM cannot read raw ids: the Embedding comes first, and its mask_zero hides the padding. */
export const textEncoder: EncoderDefinition<TextEncoderConfig> = {
  accepts: ['tokens'],
  build: ({ input, inputSpec, config, ctx, needsSequence }) => {
    if (inputSpec.kind !== 'tokens') throw new Error(`text encoder cannot read a ${inputSpec.kind} input`);
    const embedded = tf.layers
      .embedding({
        inputDim: inputSpec.vocabSize,
        outputDim: config.embeddingDim,
        maskZero: true,
        embeddingsInitializer: ctx.embeddingInitializer(),
        name: ctx.name('embedding'),
      })
      .apply(input) as tf.SymbolicTensor;
    const mask = new SequenceMask({ name: ctx.name('mask') }).apply(input) as tf.SymbolicTensor;
    if (config.rnn === 'none') {
      const features = new MaskedGlobalAveragePooling1D({ name: ctx.name('pool') }).apply([embedded, mask]) as tf.SymbolicTensor;
      return { features, sequence: embedded, mask };
    }
    const encoded = buildRecurrent(
      embedded,
      { cell: config.rnn, units: config.units, bidirectional: config.bidirectional, mask, needsSequence },
      ctx,
    );
    return { ...encoded, mask };
  },
};
