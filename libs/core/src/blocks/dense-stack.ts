import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { FusedDense } from '../layers/fused-dense';
import { FusedDropout } from '../layers/fused-dropout';
import { BuildContext } from '../model/build-context';

export const ActivationSchema = z
  .enum(['relu', 'elu', 'selu', 'tanh', 'sigmoid', 'linear', 'swish', 'gelu'])
  .describe('Activation of each hidden layer.');

/** Fields shared by every config that ends in a stack of Dense layers. */
export const DenseStackFields = {
  units: z.array(z.number().int().positive()).default([64]).describe('Units of each Dense layer, in order. Defaults to [64].'),
  activation: ActivationSchema.default('relu').describe('Activation of each Dense layer. Defaults to relu.'),
  dropout: z.number().min(0).max(0.95).default(0).describe('Dropout rate after each Dense layer. Defaults to 0.'),
  batchNorm: z.boolean().default(false).describe('Batch normalisation after each Dense layer. Defaults to false.'),
};

export interface DenseStackConfig {
  units: number[];
  activation: z.infer<typeof ActivationSchema>;
  dropout: number;
  batchNorm: boolean;
}

/** `[batch, d] → [batch, units[last]]` (or unchanged when `units` is empty). */
export function buildDenseStack(x: tf.SymbolicTensor, config: DenseStackConfig, ctx: BuildContext): tf.SymbolicTensor {
  let h = x;
  config.units.forEach((units, i) => {
    h = new FusedDense({ units, activation: config.activation, kernelInitializer: ctx.kernelInitializer(), name: ctx.name(`dense_${i + 1}`) }).apply(h) as tf.SymbolicTensor;
    if (config.batchNorm) h = tf.layers.batchNormalization({ name: ctx.name(`bn_${i + 1}`) }).apply(h) as tf.SymbolicTensor;
    if (config.dropout > 0) {
      h = new FusedDropout({ rate: config.dropout, seed: ctx.nextSeed(), name: ctx.name(`dropout_${i + 1}`) }).apply(h) as tf.SymbolicTensor;
    }
  });
  return h;
}
