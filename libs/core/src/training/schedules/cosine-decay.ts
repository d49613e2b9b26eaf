import { z } from 'zod';
import { ScheduleDefinition } from './schedule-definition';

export const CosineDecayConfigSchema = z
  .object({
    type: z.literal('cosine').describe('Half a cosine from the initial rate down to `alpha` times it.'),
    decayEpochs: z.number().positive().optional().describe('Epochs of the decay; the rate stays at the floor after. Defaults to the run’s epochs.'),
    alpha: z.number().min(0).max(1).default(0).describe('Floor as a fraction of the initial rate. Defaults to 0.'),
    warmupEpochs: z.number().min(0).default(0).describe('Epochs of linear warm-up from 0 before the decay starts. Defaults to 0.'),
  })
  .describe('Cosine decay (Keras `CosineDecay` over epochs): `lr · (α + (1−α) · ½(1 + cos(π · t / T)))`, after an optional warm-up.');

export type CosineDecayConfig = z.infer<typeof CosineDecayConfigSchema>;

export const cosineDecay: ScheduleDefinition<CosineDecayConfig> = {
  rate: (config, initial, epoch, totalEpochs) => {
    if (epoch < config.warmupEpochs) return (initial * epoch) / config.warmupEpochs;
    const span = config.decayEpochs ?? Math.max(totalEpochs - config.warmupEpochs, 1);
    const t = Math.min(epoch - config.warmupEpochs, span) / span;
    return initial * (config.alpha + (1 - config.alpha) * 0.5 * (1 + Math.cos(Math.PI * t)));
  },
};
