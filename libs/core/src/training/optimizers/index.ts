import { z } from 'zod';
import { OptimizerConfig as SpecOptimizerConfig } from '../../spec/model-spec';
import { Adam, AdamConfig, AdamConfigSchema } from './adam';
import { Rmsprop, RmspropConfig, RmspropConfigSchema } from './rmsprop';
import { Sgd, SgdConfig, SgdConfigSchema } from './sgd';
import { TrainingOptimizer } from './training-optimizer';

export * from './training-optimizer';
export * from './optimizer-fields';
export * from './gradient-clipping';
export * from './adam';
export * from './rmsprop';
export * from './sgd';

export const TrainingOptimizerConfigSchema = z
  .discriminatedUnion('type', [AdamConfigSchema, RmspropConfigSchema, SgdConfigSchema])
  .refine((c) => [c.clipNorm, c.globalClipNorm, c.clipValue].filter((v) => v !== undefined).length <= 1, {
    message: 'set at most one of clipNorm, globalClipNorm and clipValue',
  })
  .describe('Optimizer by type, with its learning rate, its own settings and optional gradient clipping.');

export type TrainingOptimizerConfig = AdamConfig | RmspropConfig | SgdConfig;
export type TrainingOptimizerConfigInput = z.input<typeof TrainingOptimizerConfigSchema>;
export type OptimizerType = TrainingOptimizerConfig['type'];

/** Every optimizer by its `type`; the compiler fails when a config has no constructor. */
export const optimizers: { [K in OptimizerType]: (config: Extract<TrainingOptimizerConfig, { type: K }>) => TrainingOptimizer } = {
  adam: (config) => new Adam(config),
  rmsprop: (config) => new Rmsprop(config),
  sgd: (config) => new Sgd(config),
};

/** An optimizer from a config (or a spec's `{ type, learningRate }`), with every default filled in. */
export function createTrainingOptimizer(config: TrainingOptimizerConfigInput | SpecOptimizerConfig): TrainingOptimizer {
  const parsed = TrainingOptimizerConfigSchema.parse(config);
  return (optimizers[parsed.type] as (c: TrainingOptimizerConfig) => TrainingOptimizer)(parsed);
}
