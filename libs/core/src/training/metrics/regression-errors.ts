import { z } from 'zod';
import { MeanAccumulator, MetricDefinition, MetricFields } from './metric-definition';

function errorConfig<T extends string>(type: T, description: string) {
  return z.object({ type: z.literal(type).describe(description), ...MetricFields }).describe(`${description} Over every output of a regression head.`);
}

export const MaeConfigSchema = errorConfig('mae', 'Mean absolute error.');
export const MseConfigSchema = errorConfig('mse', 'Mean squared error.');
export const RmseConfigSchema = errorConfig('rmse', 'Root mean squared error.');

export type MaeConfig = z.infer<typeof MaeConfigSchema>;
export type MseConfig = z.infer<typeof MseConfigSchema>;
export type RmseConfig = z.infer<typeof RmseConfigSchema>;

function errorMetric<C>(error: (diff: number) => number, finish?: (mean: number) => number): MetricDefinition<C> {
  return {
    appliesTo: ['regression'],
    create: () =>
      new MeanAccumulator((yTrue, yPred, _units, add) => {
        for (let i = 0; i < yTrue.length; i++) add(error(yPred[i] - yTrue[i]));
      }, finish),
  };
}

export const maeMetric = errorMetric<MaeConfig>(Math.abs);
export const mseMetric = errorMetric<MseConfig>((d) => d * d);
export const rmseMetric = errorMetric<RmseConfig>((d) => d * d, Math.sqrt);
