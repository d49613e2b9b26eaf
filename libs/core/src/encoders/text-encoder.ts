import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { MaskedGlobalAveragePooling1D, SequenceMask } from '../layers';
import { EncoderDefinition } from './encoded-input';
import { unitsListSchema } from '../blocks/units-list';
import { buildRecurrent, recurrentGatesField, recurrentResetAfterField } from './recurrent';
import { buildTransformerEncoder, TransformerOptionsSchema } from './transformer-encoder';

export const TextEncoderConfigSchema = z
  .object({
    type: z.literal('text').describe('Token ids → Embedding → LSTM / GRU / transformer / mean pooling, padding (id 0) masked.'),
    embeddingDim: z.number().int().positive().default(32).describe('Size of each token vector. Defaults to 32.'),
    rnn: z
      .enum(['lstm', 'gru', 'transformer', 'none'])
      .default('lstm')
      .describe("Recurrent layer, 'transformer' (self-attention blocks, see `transformer`), or 'none' for masked mean pooling. Defaults to lstm."),
    units: unitsListSchema(64, 'Units of each recurrent layer (lstm / gru)'),
    gates: recurrentGatesField(),
    resetAfter: recurrentResetAfterField(),
    bidirectional: z.boolean().default(false).describe('Read the text both ways and concatenate (lstm / gru). Defaults to false.'),
    transformer: TransformerOptionsSchema.optional().describe("rnn: 'transformer' only: blocks, heads, feed-forward units, dropout. Unset: the defaults."),
  })
  .describe(
    'Text encoder: `[batch, maxLength] int32 (0 = PAD) → [batch, units] float32`, units of the last layer (2·units if bidirectional; embeddingDim for the transformer and none).',
  );

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
        // The transformer takes the padding mask as explicit inputs, so no Keras mask rides along.
        maskZero: config.rnn !== 'transformer',
        embeddingsInitializer: ctx.embeddingInitializer(),
        name: ctx.name('embedding'),
      })
      .apply(input) as tf.SymbolicTensor;
    const mask = new SequenceMask({ name: ctx.name('mask') }).apply(input) as tf.SymbolicTensor;
    if (config.rnn === 'none') {
      const features = new MaskedGlobalAveragePooling1D({ name: ctx.name('pool') }).apply([embedded, mask]) as tf.SymbolicTensor;
      return { features, sequence: embedded, mask };
    }
    if (config.rnn === 'transformer') {
      return { ...buildTransformerEncoder(embedded, mask, TransformerOptionsSchema.parse(config.transformer ?? {}), ctx.child('transformer')), mask };
    }
    const encoded = buildRecurrent(
      embedded,
      { cell: config.rnn, gates: config.gates, resetAfter: config.resetAfter, units: config.units, bidirectional: config.bidirectional, mask, needsSequence },
      ctx,
    );
    return { ...encoded, mask };
  },
};
