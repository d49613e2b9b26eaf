import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { HeadDefinition, HeadFields } from './head-definition';

export const MulticlassHeadConfigSchema = z
  .object({
    type: z.literal('multiclass').describe('One of several classes: softmax, categorical cross-entropy.'),
    classes: z.number().int().min(2).describe('Number of classes (at least 2).'),
    ...HeadFields,
  })
  .describe('Multi-class head: `[batch, d] → [batch, classes]` probabilities summing to 1; one-hot targets.');

export type MulticlassHeadConfig = z.infer<typeof MulticlassHeadConfigSchema>;

export const multiclassHead: HeadDefinition<MulticlassHeadConfig> = {
  outputUnits: (config) => config.classes,
  activation: 'softmax',
  loss: (yTrue, yPred) => tf.metrics.categoricalCrossentropy(yTrue, yPred),
  lossKernel: 'categoricalCrossentropy',
  metric: 'categoricalAccuracy',
};
