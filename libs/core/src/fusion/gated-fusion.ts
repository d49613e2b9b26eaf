import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { FusedDense, WeightedSum } from '../layers';
import { unitsListSchema } from '../blocks/units-list';
import { concatFeatures, FusionDefinition } from './fusion-definition';

export const GatedFusionConfigSchema = z
  .object({
    type: z.literal('gated').describe('Learnt, per-example weighting of the inputs (gated multimodal unit).'),
    units: unitsListSchema(64, "Units of each input's tanh projection layer; the last is the size of the result"),
  })
  .describe('Gated sum: `hᵢ = tanh(Wᵢ fᵢ)` (one layer per `units` entry), `g = softmax(W [f₁…fₙ])`, output `Σ gᵢ hᵢ`: `[batch, units]` (the last entry).');

export type GatedFusionConfig = z.infer<typeof GatedFusionConfigSchema>;

export const gatedFusion: FusionDefinition<GatedFusionConfig> = {
  sequenceInputs: () => [],
  referencedInputs: () => [],
  build: ({ encoded, config, ctx }) => {
    const names = Object.keys(encoded);
    const size = config.units[config.units.length - 1];
    const projected = names.map((name) => {
      // Lower projection layers are `<input>_proj_1`, …; the last keeps the one-layer name `<input>_proj`.
      const h = config.units.reduce(
        (x, units, i) =>
          new FusedDense({ units, activation: 'tanh', kernelInitializer: ctx.kernelInitializer(), name: ctx.name(i === config.units.length - 1 ? `${name}_proj` : `${name}_proj_${i + 1}`) }).apply(x) as tf.SymbolicTensor,
        encoded[name].features,
      );
      return tf.layers.reshape({ targetShape: [1, size], name: ctx.name(`${name}_step`) }).apply(h) as tf.SymbolicTensor;
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
