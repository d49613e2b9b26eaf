import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { HeadDefinition, HeadFields } from './head-definition';

export const MultilabelHeadConfigSchema = z
  .object({
    type: z.literal('multilabel').describe('Any subset of labels: one sigmoid per label, binary cross-entropy.'),
    labels: z.number().int().positive().describe('Number of labels.'),
    ...HeadFields,
  })
  .describe('Multi-label head: `[batch, d] → [batch, labels]` independent probabilities; 0 / 1 targets per label.');

export type MultilabelHeadConfig = z.infer<typeof MultilabelHeadConfigSchema>;

export const multilabelHead: HeadDefinition<MultilabelHeadConfig> = {
  outputUnits: (config) => config.labels,
  activation: 'sigmoid',
  loss: (yTrue, yPred) => tf.metrics.binaryCrossentropy(yTrue, yPred),
  lossKernel: 'binaryCrossentropy',
  metric: 'binaryAccuracy',
};
