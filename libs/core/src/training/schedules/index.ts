import { z } from 'zod';
import { CosineDecayConfig, CosineDecayConfigSchema, cosineDecay } from './cosine-decay';
import { ExponentialDecayConfig, ExponentialDecayConfigSchema, exponentialDecay } from './exponential-decay';
import { ScheduleDefinition } from './schedule-definition';
import { StepDecayConfig, StepDecayConfigSchema, stepDecay } from './step-decay';

export * from './schedule-definition';
export * from './step-decay';
export * from './exponential-decay';
export * from './cosine-decay';

export const ScheduleConfigSchema = z
  .discriminatedUnion('type', [StepDecayConfigSchema, ExponentialDecayConfigSchema, CosineDecayConfigSchema])
  .describe('A learning-rate schedule by type: step, exponential or cosine.');

export type ScheduleConfig = StepDecayConfig | ExponentialDecayConfig | CosineDecayConfig;
export type ScheduleType = ScheduleConfig['type'];

/** Every schedule by its `type`; the compiler fails when a config type has no definition. */
export const schedules: { [K in ScheduleType]: ScheduleDefinition<Extract<ScheduleConfig, { type: K }>> } = {
  step: stepDecay,
  exponential: exponentialDecay,
  cosine: cosineDecay,
};

/** The scheduled rate at `epoch` (fractional epochs for per-batch schedules). */
export function scheduledRate(config: ScheduleConfig, initialRate: number, epoch: number, totalEpochs: number): number {
  return (schedules[config.type] as ScheduleDefinition<ScheduleConfig>).rate(config, initialRate, epoch, totalEpochs);
}
