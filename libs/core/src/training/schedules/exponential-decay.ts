import { z } from 'zod';
import { ScheduleDefinition } from './schedule-definition';

export const ExponentialDecayConfigSchema = z
  .object({
    type: z.literal('exponential').describe('Multiply the rate by `decayRate` every `decayEpochs` epochs, smoothly.'),
    decayRate: z.number().gt(0).lt(1).default(0.96).describe('Multiplier per `decayEpochs`. Defaults to 0.96.'),
    decayEpochs: z.number().positive().default(1).describe('Epochs over which the rate is multiplied by `decayRate` once. Defaults to 1.'),
    staircase: z.boolean().default(false).describe('Decay in whole steps instead of smoothly. Defaults to false.'),
  })
  .describe('Exponential decay (Keras `ExponentialDecay` over epochs): `lr · decayRate^(epoch / decayEpochs)`.');

export type ExponentialDecayConfig = z.infer<typeof ExponentialDecayConfigSchema>;

export const exponentialDecay: ScheduleDefinition<ExponentialDecayConfig> = {
  rate: (config, initial, epoch) => {
    const p = epoch / config.decayEpochs;
    return initial * config.decayRate ** (config.staircase ? Math.floor(p) : p);
  },
};
