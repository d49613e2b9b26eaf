import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { buildDenseStack, DenseStackFields } from '../blocks/dense-stack';
import { MaskedGlobalAveragePooling1D, MultiHeadAttention } from '../layers';
import { concatFeatures, FusionDefinition } from './fusion-definition';

export const CrossAttentionFusionConfigSchema = z
  .object({
    type: z.literal('cross-attention').describe("One input's steps attend over another input's steps or patches."),
    query: z.string().describe('Input whose sequence asks (e.g. text tokens).'),
    value: z.string().describe('Input whose sequence is attended over (e.g. image patches).'),
    numHeads: z.number().int().positive().default(2).describe('Attention heads. Defaults to 2.'),
    keyDim: z.number().int().positive().default(32).describe('Size of each head’s query / key projection. Defaults to 32.'),
    attentionDropout: z.number().min(0).max(0.95).default(0).describe('Dropout on the attention weights. Defaults to 0.'),
    ...DenseStackFields,
    units: DenseStackFields.units.default([]).describe('Dense layers after fusion. Defaults to [] (none).'),
  })
  .describe(
    'Cross-modal attention: query steps `[batch, Tq, dq]` attend over value steps `[batch, Tv, dv]`; the attended ' +
      'sequence is mean-pooled over valid query steps and concatenated with every input’s feature vector.',
  );

export type CrossAttentionFusionConfig = z.infer<typeof CrossAttentionFusionConfigSchema>;

export const crossAttentionFusion: FusionDefinition<CrossAttentionFusionConfig> = {
  sequenceInputs: (config) => [config.query, config.value],
  referencedInputs: (config) => [config.query, config.value],
  build: ({ encoded, config, ctx }) => {
    const query = encoded[config.query];
    const value = encoded[config.value];
    if (!query.sequence || !value.sequence) throw new Error(`cross-attention: '${config.query}' and '${config.value}' must give sequences`);
    const attention = new MultiHeadAttention({
      numHeads: config.numHeads,
      keyDim: config.keyDim,
      dropout: config.attentionDropout,
      maskInputs: value.mask ? 'value' : 'none',
      seed: ctx.nextSeed(),
      name: ctx.name('attention'),
    });
    const attentionInputs = value.mask ? [query.sequence, value.sequence, value.mask] : [query.sequence, value.sequence];
    const attended = attention.apply(attentionInputs) as tf.SymbolicTensor;
    const poolInputs = query.mask ? [attended, query.mask] : attended;
    const pooled = new MaskedGlobalAveragePooling1D({ name: ctx.name('attended_pool') }).apply(poolInputs) as tf.SymbolicTensor;
    const fused = concatFeatures([pooled, ...Object.values(encoded).map((e) => e.features)], ctx);
    return buildDenseStack(fused, config, ctx);
  },
};
