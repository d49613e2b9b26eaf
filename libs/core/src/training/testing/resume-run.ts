import * as path from 'path';
import { TrainerConfigInput } from '../trainer/trainer-config';

/** The run both processes make: Adam, dropout, shuffling, validation, a plateau schedule, checkpoints. */
export function resumeRunConfig(dir: string): TrainerConfigInput {
  return {
    epochs: 5,
    batchSize: 8,
    seed: 11,
    validationSplit: 0.25,
    callbacks: [
      { type: 'reduce-lr-on-plateau', monitor: 'loss', patience: 1, factor: 0.5, minDelta: 0.05 },
      { type: 'model-checkpoint', dir: path.join(dir, 'checkpoints'), monitor: 'val_loss' },
    ],
  };
}
