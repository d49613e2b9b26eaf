import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { FusedDense, FusedDropout, MaskedGlobalAveragePooling1D, MultiHeadAttention } from '../layers';
import { BuildContext } from '../model/build-context';
import { PositionEmbedding } from './transformer-position';

export const TransformerOptionsSchema = z
  .object({
    layers: z.number().int().positive().default(1).describe('Encoder blocks (self-attention + feed-forward). Defaults to 1.'),
    heads: z.number().int().positive().default(2).describe('Attention heads per block; each projects to ceil(embeddingDim / heads). Defaults to 2.'),
    ffUnits: z.number().int().positive().default(64).describe('Hidden units of the feed-forward sublayer. Defaults to 64.'),
    dropout: z.number().min(0).lt(1).default(0.1).describe('Dropout on attention weights and sublayer outputs, in training only. Defaults to 0.1.'),
  })
  .describe("Settings of rnn: 'transformer' (ignored otherwise).");

export type TransformerOptions = z.infer<typeof TransformerOptionsSchema>;

/**
 * The same values as a second graph tensor. The tfjs executor counts a tensor's readers per layer but
 * decrements once per input slot, so `apply([x, x, …])` frees x too early; a reshape is a new handle.
 */
function selfView(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return tf.layers.reshape({ targetShape: x.shape.slice(1) as number[], name }).apply(x) as tf.SymbolicTensor;
}

/**
 * A small transformer encoder over embedded tokens `[batch, T, d]`: learnt positions, then per block
 * masked multi-head self-attention and a ReLU feed-forward, each with dropout, a residual and layer
 * normalisation (post-norm, as in Vaswani et al.). No token attends to padding (the 0/1 `mask` is the
 * attention's value mask; padded query steps compute something, but nothing reads them: later blocks mask
 * them as values and the features are the mean over the real tokens only).
 */
export function buildTransformerEncoder(
  embedded: tf.SymbolicTensor,
  mask: tf.SymbolicTensor,
  options: TransformerOptions,
  ctx: BuildContext,
): { features: tf.SymbolicTensor; sequence: tf.SymbolicTensor } {
  const dim = embedded.shape[2] as number;
  let x = new PositionEmbedding({ seed: ctx.nextSeed(), name: ctx.name('positions') }).apply(embedded) as tf.SymbolicTensor;
  const sublayer = (input: tf.SymbolicTensor, output: tf.SymbolicTensor, name: string) => {
    const dropped = new FusedDropout({ rate: options.dropout, name: ctx.name(`${name}_dropout`) }).apply(output) as tf.SymbolicTensor;
    const sum = tf.layers.add({ name: ctx.name(`${name}_residual`) }).apply([input, dropped]) as tf.SymbolicTensor;
    return tf.layers.layerNormalization({ name: ctx.name(`${name}_norm`) }).apply(sum) as tf.SymbolicTensor;
  };
  for (let block = 1; block <= options.layers; block++) {
    const attention = new MultiHeadAttention({
      numHeads: options.heads,
      keyDim: Math.ceil(dim / options.heads),
      outputDim: dim,
      dropout: options.dropout,
      maskInputs: 'value',
      seed: ctx.nextSeed(),
      name: ctx.name(`block${block}_attention`),
    }).apply([x, selfView(x, ctx.name(`block${block}_values`)), mask]) as tf.SymbolicTensor;
    x = sublayer(x, attention, `block${block}_attention`);
    const hidden = new FusedDense({ units: options.ffUnits, activation: 'relu', kernelInitializer: ctx.kernelInitializer(), name: ctx.name(`block${block}_ff1`) }).apply(x) as tf.SymbolicTensor;
    const ff = new FusedDense({ units: dim, kernelInitializer: ctx.kernelInitializer(), name: ctx.name(`block${block}_ff2`) }).apply(hidden) as tf.SymbolicTensor;
    x = sublayer(x, ff, `block${block}_ff`);
  }
  const features = new MaskedGlobalAveragePooling1D({ name: ctx.name('pool') }).apply([x, mask]) as tf.SymbolicTensor;
  return { features, sequence: x };
}
