import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { buildDenseStack, DenseStackFields } from '../blocks/dense-stack';
import { EncoderDefinition } from './encoded-input';

export const EmbeddingEncoderConfigSchema = z
  .object({
    type: z.literal('embedding').describe('Learnt embedding of category ids.'),
    embeddingDim: z.number().int().positive().default(8).describe('Size of each category vector. Defaults to 8.'),
    ...DenseStackFields,
    units: DenseStackFields.units.default([]).describe('Dense layers after Flatten. Defaults to [] (none).'),
  })
  .describe('Embedding encoder: `[batch, length] int32 → Embedding → Flatten → Dense* → [batch, d] float32`.');

export type EmbeddingEncoderConfig = z.infer<typeof EmbeddingEncoderConfigSchema>;

export const embeddingEncoder: EncoderDefinition<EmbeddingEncoderConfig> = {
  accepts: ['categorical'],
  build: ({ input, inputSpec, config, ctx }) => {
    if (inputSpec.kind !== 'categorical') throw new Error(`embedding encoder cannot read a ${inputSpec.kind} input`);
    const embedded = tf.layers
      .embedding({
        inputDim: inputSpec.vocabSize,
        outputDim: config.embeddingDim,
        embeddingsInitializer: ctx.embeddingInitializer(),
        name: ctx.name('embedding'),
      })
      .apply(input) as tf.SymbolicTensor;
    const flat = tf.layers.flatten({ name: ctx.name('flatten') }).apply(embedded) as tf.SymbolicTensor;
    return { features: buildDenseStack(flat, config, ctx), sequence: embedded };
  },
};
