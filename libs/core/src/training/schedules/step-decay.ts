import { z } from 'zod';
import { ScheduleDefinition } from './schedule-definition';

export const StepDecayConfigSchema = z
  .object({
    type: z.literal('step').describe('Multiply the rate by `factor` every `every` epochs.'),
    every: z.number().int().positive().default(10).describe('Epochs between drops. Defaults to 10.'),
    factor: z.number().gt(0).lt(1).default(0.5).describe('Multiplier at each drop. Defaults to 0.5.'),
  })
  .describe('Step decay: `lr · factor^⌊epoch / every⌋`.');

export type StepDecayConfig = z.infer<typeof StepDecayConfigSchema>;

export const stepDecay: ScheduleDefinition<StepDecayConfig> = {
  rate: (config, initial, epoch) => initial * config.factor ** Math.floor(epoch / config.every),
};
