import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { HeadDefinition, HeadFields } from './head-definition';

export const RegressionHeadConfigSchema = z
  .object({
    type: z.literal('regression').describe('Real-valued targets: linear units, mean squared error.'),
    outputs: z.number().int().positive().default(1).describe('Number of values predicted. Defaults to 1.'),
    ...HeadFields,
  })
  .describe('Regression head: `[batch, d] → [batch, outputs]` linear; metrics MSE (loss) and MAE.');

export type RegressionHeadConfig = z.infer<typeof RegressionHeadConfigSchema>;

export const regressionHead: HeadDefinition<RegressionHeadConfig> = {
  outputUnits: (config) => config.outputs,
  activation: 'linear',
  loss: (yTrue, yPred) => tf.metrics.meanSquaredError(yTrue, yPred),
  lossKernel: 'meanSquaredError',
  metric: 'mae',
};
