import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { FusedDense, WeightedSum } from '../layers';
import { concatFeatures, FusionDefinition } from './fusion-definition';

export const GatedFusionConfigSchema = z
  .object({
    type: z.literal('gated').describe('Learnt, per-example weighting of the inputs (gated multimodal unit).'),
    units: z.number().int().positive().default(64).describe('Size of each projected input and of the result. Defaults to 64.'),
  })
  .describe('Gated sum: `hᵢ = tanh(Wᵢ fᵢ)`, `g = softmax(W [f₁…fₙ])`, output `Σ gᵢ hᵢ`: `[batch, units]`.');

export type GatedFusionConfig = z.infer<typeof GatedFusionConfigSchema>;

export const gatedFusion: FusionDefinition<GatedFusionConfig> = {
  sequenceInputs: () => [],
  referencedInputs: () => [],
  build: ({ encoded, config, ctx }) => {
    const names = Object.keys(encoded);
    const projected = names.map((name) => {
      const h = new FusedDense({ units: config.units, activation: 'tanh', kernelInitializer: ctx.kernelInitializer(), name: ctx.name(`${name}_proj`) }).apply(
        encoded[name].features,
      );
      return tf.layers.reshape({ targetShape: [1, config.units], name: ctx.name(`${name}_step`) }).apply(h) as tf.SymbolicTensor;
    });
    const stacked = concatFeatures(projected, ctx, 'stack', 1); // [batch, n, units]
    const all = concatFeatures(
      names.map((name) => encoded[name].features),
      ctx,
    );
    const gates = new FusedDense({ units: names.length, activation: 'softmax', kernelInitializer: ctx.kernelInitializer(), name: ctx.name('gates') }).apply(
      all,
    ) as tf.SymbolicTensor;
    return new WeightedSum({ name: ctx.name('weighted_sum') }).apply([gates, stacked]) as tf.SymbolicTensor;
  },
};
