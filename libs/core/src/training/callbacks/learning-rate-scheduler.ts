import { z } from 'zod';
import { ScheduleConfigSchema, scheduledRate } from '../schedules';
import { TrainerCallback, TrainingContext } from './trainer-callback';

export const LearningRateSchedulerConfigSchema = z
  .object({
    type: z.literal('lr-schedule').describe('Set the learning rate from a schedule.'),
    schedule: ScheduleConfigSchema,
    perBatch: z.boolean().default(false).describe('Update before every batch (fractional epochs) instead of every epoch. Defaults to false.'),
  })
  .describe('LearningRateScheduler: the rate at each epoch (or batch) from the initial rate of the trainer config.');

export type LearningRateSchedulerConfig = z.infer<typeof LearningRateSchedulerConfigSchema>;

/** Sets `ctx.learningRate` from the schedule at the start of every epoch (or batch). */
export class LearningRateScheduler implements TrainerCallback {
  private epoch = 0;

  constructor(private readonly config: LearningRateSchedulerConfig) {}

  private apply(ctx: TrainingContext, epoch: number): void {
    ctx.learningRate = scheduledRate(this.config.schedule, ctx.initialLearningRate, epoch, ctx.epochs);
  }

  onEpochBegin(epoch: number, ctx: TrainingContext): void {
    this.epoch = epoch;
    this.apply(ctx, epoch);
  }

  onBatchBegin(batch: number, ctx: TrainingContext): void {
    if (this.config.perBatch && ctx.batchesPerEpoch) this.apply(ctx, this.epoch + batch / ctx.batchesPerEpoch);
  }
}
