import { z } from 'zod';
import { argmax, MeanAccumulator, MetricDefinition, MetricFields, ThresholdField } from './metric-definition';

export const AccuracyConfigSchema = z
  .object({ type: z.literal('accuracy').describe('Share of correct predictions.'), threshold: ThresholdField, ...MetricFields })
  .describe('Accuracy: binary and multilabel compare each thresholded output with its 0/1 target; multiclass compares argmaxes.');

export type AccuracyConfig = z.infer<typeof AccuracyConfigSchema>;

export const accuracyMetric: MetricDefinition<AccuracyConfig> = {
  appliesTo: ['binary', 'multiclass', 'multilabel'],
  create: (config, head) =>
    new MeanAccumulator((yTrue, yPred, units, add) => {
      if (head.type === 'multiclass') {
        for (let i = 0; i < yTrue.length; i += units) add(argmax(yTrue, i, units) === argmax(yPred, i, units) ? 1 : 0);
      } else {
        for (let i = 0; i < yTrue.length; i++) add(yPred[i] > config.threshold === yTrue[i] > 0.5 ? 1 : 0);
      }
    }),
};
