import { TrainOptions } from '@mimo/app-kit';
import { TrainerConfigInput } from '@mimo/core';
import { resolveHealthcareData } from './datasets/resolve-data';

/** PneumoniaMNIST's extra trainer settings: small random rotations, shifts and zoom against the train → test shift. */
export function healthcareTrainerConfig(options: TrainOptions): Partial<TrainerConfigInput> {
  if (options.data === undefined || resolveHealthcareData(options.data).kind !== 'pneumoniamnist') return {};
  return { augmentation: { rotationRange: 10, widthShiftRange: 0.1, heightShiftRange: 0.1, zoomRange: 0.1 } };
}
