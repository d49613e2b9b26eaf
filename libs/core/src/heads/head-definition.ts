import * as tf from '@tensorflow/tfjs';
import type { HeadLossName } from '@mimo/kernels';
import { z } from 'zod';
import { buildDenseStack, DenseStackFields } from '../blocks/dense-stack';
import { FusedDense } from '../layers/fused-dense';
import { BuildContext } from '../model/build-context';

/** Per-example loss: `[batch, units] × [batch, units] → [batch]`. */
export type PerExampleLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Fields every head shares. */
export const HeadFields = {
  ...DenseStackFields,
  units: DenseStackFields.units.default([]).describe('Hidden Dense layers of this head (its own task branch). Defaults to [] (none).'),
  lossWeight: z.number().nonnegative().default(1).describe('Weight of this head’s loss in the total loss. Defaults to 1.'),
};

export interface HeadDefinition<C> {
  /** Units of the output layer. */
  outputUnits(config: C): number;
  activation: 'sigmoid' | 'softmax' | 'linear';
  loss: PerExampleLoss;
  /** The same loss as @mimo/kernels' head loss kernel runs it, where the backend registers one. */
  lossKernel: HeadLossName;
  /** The tfjs metric logged for this head during `fit`. */
  metric: string;
}

/** `[batch, d] → hidden Dense* → Dense(outputUnits, activation)` named after the head, so outputs carry its name. */
export function buildHead<C extends z.infer<z.ZodObject<typeof HeadFields>>>(
  headName: string,
  fused: tf.SymbolicTensor,
  config: C,
  definition: HeadDefinition<C>,
  ctx: BuildContext,
): tf.SymbolicTensor {
  const hidden = buildDenseStack(fused, config, ctx);
  return new FusedDense({
    units: definition.outputUnits(config),
    activation: definition.activation,
    kernelInitializer: ctx.kernelInitializer(),
    name: headName,
  }).apply(hidden) as tf.SymbolicTensor;
}
