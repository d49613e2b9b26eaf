import { z } from 'zod';
import { ImageAugmentationConfigSchema } from '../../augmentation';
import { CallbackConfigSchema } from '../callbacks';
import { ClassWeightSchema } from '../losses/class-weights';
import { MetricConfigSchema } from '../metrics/registry';
import { TrainingOptimizerConfigSchema } from '../optimizers';
import { describeZodIssues } from '../../spec/zod-issues';

export const TrainerConfigSchema = z
  .object({
    epochs: z.number().int().positive().default(1).describe('Epochs to train (numbered from 0). Defaults to 1.'),
    batchSize: z.number().int().positive().default(32).describe('Examples per training step. Defaults to 32.'),
    shuffle: z.boolean().default(true).describe('Shuffle in-memory examples every epoch (seeded). Defaults to true.'),
    seed: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe("Seed of every random choice: shuffling, dropout masks, augmentation, bootstrap samples. Defaults to the spec's seed, else a fresh one."),
    validationSplit: z
      .number()
      .min(0)
      .lt(1)
      .default(0)
      .describe('Fraction of in-memory examples held out for validation: the last ones, before shuffling, as in Keras. Defaults to 0.'),
    validationBatchSize: z.number().int().positive().optional().describe('Examples per validation step. Defaults to batchSize.'),
    optimizer: TrainingOptimizerConfigSchema.optional().describe("Optimizer, learning rate and gradient clipping. Defaults to the spec's optimizer."),
    metrics: z
      .record(z.string(), z.array(MetricConfigSchema))
      .default({})
      .describe('Metrics per head name; a head left out gets accuracy (classifiers) or MAE (regression). Defaults to {}.'),
    classWeights: z.record(z.string(), ClassWeightSchema).default({}).describe('Class weights per binary or multiclass head, for imbalanced data. Defaults to {}.'),
    augmentation: ImageAugmentationConfigSchema.optional().describe(
      'Random augmentation of every image input, on training batches only (never validation, evaluation or prediction). Defaults to none.',
    ),
    callbacks: z.array(CallbackConfigSchema).default([]).describe('Built-in callbacks, in order. Defaults to [].'),
  })
  .describe('How a Trainer trains a spec: epochs, batches, optimizer, metrics, weights and callbacks.');

export type TrainerConfig = z.output<typeof TrainerConfigSchema>;
export type TrainerConfigInput = z.input<typeof TrainerConfigSchema>;

/** Validates a trainer config once, at the edge; each problem names its path. */
export function parseTrainerConfig(raw: TrainerConfigInput): TrainerConfig {
  const result = TrainerConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = describeZodIssues(result.error);
  throw new Error(`Invalid trainer config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/** The JSON Schema of a trainer config, generated from the same schemas (for docs and the server). */
export function trainerConfigJsonSchema(): object {
  return z.toJSONSchema(TrainerConfigSchema, { io: 'input', unrepresentable: 'any' });
}
