import { z } from 'zod';
import { CsvLogger, CsvLoggerConfig, CsvLoggerConfigSchema } from './csv-logger';
import { EarlyStopping, EarlyStoppingConfig, EarlyStoppingConfigSchema } from './early-stopping';
import { LearningRateScheduler, LearningRateSchedulerConfig, LearningRateSchedulerConfigSchema } from './learning-rate-scheduler';
import { ModelCheckpoint, ModelCheckpointConfig, ModelCheckpointConfigSchema } from './model-checkpoint';
import { ProgressDisplay, ProgressDisplayConfig, ProgressDisplayConfigSchema } from './progress-display';
import { ReduceLROnPlateau, ReduceLROnPlateauConfig, ReduceLROnPlateauConfigSchema } from './reduce-lr-on-plateau';
import { TensorBoardConfig, TensorBoardConfigSchema, TensorBoardLogger } from './tensorboard-logger';
import { TrainerCallback } from './trainer-callback';

export * from './trainer-callback';
export * from './monitor';
export * from './early-stopping';
export * from './reduce-lr-on-plateau';
export * from './model-checkpoint';
export * from './csv-logger';
export * from './learning-rate-scheduler';
export * from './tensorboard-logger';
export * from './progress-display';

export const CallbackConfigSchema = z
  .discriminatedUnion('type', [
    EarlyStoppingConfigSchema,
    ReduceLROnPlateauConfigSchema,
    ModelCheckpointConfigSchema,
    CsvLoggerConfigSchema,
    LearningRateSchedulerConfigSchema,
    TensorBoardConfigSchema,
    ProgressDisplayConfigSchema,
  ])
  .describe('A built-in callback by type.');

export type CallbackConfig =
  | EarlyStoppingConfig
  | ReduceLROnPlateauConfig
  | ModelCheckpointConfig
  | CsvLoggerConfig
  | LearningRateSchedulerConfig
  | TensorBoardConfig
  | ProgressDisplayConfig;
export type CallbackType = CallbackConfig['type'];
export type CallbackConfigInput = z.input<typeof CallbackConfigSchema>;

/** Every built-in callback by its `type`; the compiler fails when a config type has no constructor. */
export const callbacks: { [K in CallbackType]: (config: Extract<CallbackConfig, { type: K }>) => TrainerCallback } = {
  'early-stopping': (config) => new EarlyStopping(config),
  'reduce-lr-on-plateau': (config) => new ReduceLROnPlateau(config),
  'model-checkpoint': (config) => new ModelCheckpoint(config),
  'csv-logger': (config) => new CsvLogger(config),
  'lr-schedule': (config) => new LearningRateScheduler(config),
  tensorboard: (config) => new TensorBoardLogger(config),
  progress: (config) => new ProgressDisplay(config),
};

export function createCallback(config: CallbackConfig): TrainerCallback {
  return (callbacks[config.type] as (c: CallbackConfig) => TrainerCallback)(config);
}
