import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { HeadDefinition, HeadFields } from './head-definition';

export const BinaryHeadConfigSchema = z
  .object({ type: z.literal('binary').describe('Yes / no: one sigmoid unit, binary cross-entropy.'), ...HeadFields })
  .describe('Binary head: `[batch, d] → [batch, 1]` probability of the positive class; targets 0 / 1.');

export type BinaryHeadConfig = z.infer<typeof BinaryHeadConfigSchema>;

export const binaryHead: HeadDefinition<BinaryHeadConfig> = {
  outputUnits: () => 1,
  activation: 'sigmoid',
  loss: (yTrue, yPred) => tf.metrics.binaryCrossentropy(yTrue, yPred),
  lossKernel: 'binaryCrossentropy',
  metric: 'binaryAccuracy',
};
