import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { AttentionPooling, FusedDense, FusedDropout, FusedGRU, MaskAny, MaskedGlobalAveragePooling1D, SequenceMask } from '../layers';
import { EncoderDefinition } from './encoded-input';

export const HierarchicalTextEncoderConfigSchema = z
  .object({
    type: z
      .literal('hierarchical-text')
      .describe(
        "Texts in groups (a token-groups input, e.g. each day's tweets) read as a hierarchical attention network: words averaged into each text, attention over each group's texts, a GRU and attention over the groups.",
      ),
    embeddingDim: z.number().int().positive().default(32).describe('Size of each token vector. Defaults to 32.'),
    units: z.number().int().positive().default(32).describe('Size of each text, group and output vector, and of the attentions. Defaults to 32.'),
    dropout: z.number().min(0).max(0.95).default(0).describe('Dropout on the text vectors and on the group vectors, in training only. Defaults to 0.'),
  })
  .describe('Hierarchical text encoder: `[batch, groups, texts, maxLength] int32 (0 = PAD) → [batch, units]`; its sequence is the groups, `[batch, groups, units]`.');

export type HierarchicalTextEncoderConfig = z.infer<typeof HierarchicalTextEncoderConfigSchema>;

/**
 * After Yang et al. (2016) and StockNet's HAN baseline (Hu et al. 2018): a text is the masked mean of its word
 * embeddings through a tanh layer; a group (a day) is the attention-weighted mean of its texts (padding texts
 * masked; a group without texts is zeros); a GRU reads the groups in order and attention pools its states.
 * Words are averaged rather than read by a recurrent layer: tfjs recurrent layers take one sequence per
 * example, and a [groups × texts] grid of them would be as many layers.
 */
export const hierarchicalTextEncoder: EncoderDefinition<HierarchicalTextEncoderConfig> = {
  accepts: ['token-groups'],
  build: ({ input, inputSpec, config, ctx }) => {
    if (inputSpec.kind !== 'token-groups') throw new Error(`hierarchical-text encoder cannot read a ${inputSpec.kind} input`);
    const embedded = tf.layers
      .embedding({ inputDim: inputSpec.vocabSize, outputDim: config.embeddingDim, embeddingsInitializer: ctx.embeddingInitializer(), name: ctx.name('embedding') })
      .apply(input) as tf.SymbolicTensor;
    const wordMask = new SequenceMask({ name: ctx.name('word_mask') }).apply(input) as tf.SymbolicTensor;
    const wordMean = new MaskedGlobalAveragePooling1D({ name: ctx.name('word_mean') }).apply([embedded, wordMask]) as tf.SymbolicTensor;
    const dropout = (x: tf.SymbolicTensor, what: string) =>
      config.dropout > 0 ? (new FusedDropout({ rate: config.dropout, seed: ctx.nextSeed(), name: ctx.name(`${what}_dropout`) }).apply(x) as tf.SymbolicTensor) : x;
    const texts = new FusedDense({ units: config.units, activation: 'tanh', kernelInitializer: ctx.kernelInitializer(), name: ctx.name('text_dense') }).apply(wordMean) as tf.SymbolicTensor;
    const textMask = new MaskAny({ name: ctx.name('text_mask') }).apply(wordMask) as tf.SymbolicTensor;
    const groups = new AttentionPooling({ units: config.units, seed: ctx.nextSeed(), name: ctx.name('text_attention') }).apply([dropout(texts, 'text'), textMask]) as tf.SymbolicTensor;
    const sequence = new FusedGRU({
      units: config.units,
      returnSequences: true,
      kernelInitializer: ctx.kernelInitializer(),
      recurrentInitializer: ctx.recurrentInitializer(),
      name: ctx.name('gru'),
    }).apply(dropout(groups, 'group')) as tf.SymbolicTensor;
    const features = new AttentionPooling({ units: config.units, seed: ctx.nextSeed(), name: ctx.name('group_attention') }).apply(sequence) as tf.SymbolicTensor;
    return { features, sequence };
  },
};
