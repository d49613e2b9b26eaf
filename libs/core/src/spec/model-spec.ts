import { z } from 'zod';
import { EncoderConfigSchema, encoders } from '../encoders';
import { FusionConfigSchema, fusions } from '../fusion';
import { HeadConfigSchema } from '../heads';
import { CategoricalInputSchema, ImageInputSchema, NumericInputSchema, SequenceInputSchema, TokenGroupsInputSchema, TokensInputSchema } from './input-kinds';
import { describeZodIssues } from './zod-issues';

/** Input and head names become tensor and layer names, so they must be plain identifiers. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
const NameSchema = z.string().regex(NAME_PATTERN, 'expected a name of letters, digits and _ that starts with a letter');

const encoderField = { encoder: EncoderConfigSchema.describe('How this input becomes features.') };

export const InputSpecSchema = z.discriminatedUnion('kind', [
  NumericInputSchema.extend(encoderField),
  CategoricalInputSchema.extend(encoderField),
  TokensInputSchema.extend(encoderField),
  TokenGroupsInputSchema.extend(encoderField),
  ImageInputSchema.extend(encoderField),
  SequenceInputSchema.extend(encoderField),
]);

export const OptimizerConfigSchema = z
  .object({
    type: z.enum(['adam', 'rmsprop', 'sgd']).default('adam').describe('Optimizer. Defaults to adam.'),
    learningRate: z.number().positive().default(0.001).describe('Learning rate. Defaults to 0.001.'),
  })
  .describe('Optimizer used when the spec is compiled.');

export const ModelSpecSchema = z
  .object({
    name: NameSchema.describe('Model name; also the name of its bundle.'),
    description: z.string().default('').describe('One line on what the model does.'),
    inputs: z
      .record(NameSchema, InputSpecSchema)
      .refine((inputs) => Object.keys(inputs).length > 0, 'expected at least one input')
      .describe('Named inputs, each with its encoder, in model input order.'),
    fusion: FusionConfigSchema.default({ type: 'concat', units: [], activation: 'relu', dropout: 0, batchNorm: false }).describe(
      'How the encoded inputs become one vector. Defaults to concat.',
    ),
    heads: z
      .record(NameSchema, HeadConfigSchema)
      .refine((heads) => Object.keys(heads).length > 0, 'expected at least one head')
      .describe('Named outputs, each with its loss, in model output order.'),
    optimizer: OptimizerConfigSchema.default({ type: 'adam', learningRate: 0.001 }),
    seed: z.number().int().nonnegative().optional().describe('Seed for initial weights and dropout; unset draws fresh randomness.'),
  })
  .superRefine((spec, ctx) => {
    for (const [name, input] of Object.entries(spec.inputs)) {
      const accepts: readonly string[] = encoders[input.encoder.type].accepts;
      if (!accepts.includes(input.kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['inputs', name, 'encoder', 'type'],
          message: `a '${input.encoder.type}' encoder cannot read a '${input.kind}' input (it reads: ${accepts.join(', ')})`,
        });
      }
    }
    const fusion = fusions[spec.fusion.type] as { referencedInputs(config: unknown): string[] };
    for (const ref of fusion.referencedInputs(spec.fusion)) {
      if (!(ref in spec.inputs)) {
        ctx.addIssue({ code: 'custom', path: ['fusion'], message: `refers to input '${ref}', which the spec does not have (inputs: ${Object.keys(spec.inputs).join(', ')})` });
      }
    }
    for (const name of Object.keys(spec.heads)) {
      if (name in spec.inputs) ctx.addIssue({ code: 'custom', path: ['heads', name], message: `'${name}' is also an input name; names must be unique` });
    }
  });

/** A spec as the user writes it (defaults may be left out). */
export type ModelSpecInput = z.input<typeof ModelSpecSchema>;
/** A validated spec with every default filled in. */
export type ModelSpec = z.output<typeof ModelSpecSchema>;
export type InputSpec = ModelSpec['inputs'][string];
export type OptimizerConfig = ModelSpec['optimizer'];

export class ModelSpecError extends Error {
  constructor(
    readonly specName: string,
    readonly problems: string[],
  ) {
    super(`Invalid model spec '${specName}':\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ModelSpecError';
  }
}

/** Validates a spec once, at the edge; says what was expected and what was received. */
/**
 * A spec's optimizer was keyed by `name` before every registry key became `type`; specs saved in bundles before
 * then still say `name`, and load as `type`.
 */
function withLegacyOptimizerKey(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('optimizer' in raw)) return raw;
  const optimizer = (raw as { optimizer: unknown }).optimizer;
  if (typeof optimizer !== 'object' || optimizer === null || !('name' in optimizer) || 'type' in optimizer) return raw;
  const { name, ...rest } = optimizer as { name: unknown };
  return { ...raw, optimizer: { ...rest, type: name } };
}

export function parseModelSpec(raw: unknown): ModelSpec {
  const result = ModelSpecSchema.safeParse(withLegacyOptimizerKey(raw), { reportInput: true });
  if (result.success) return result.data;
  const name = typeof raw === 'object' && raw !== null && typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : '(unnamed)';
  throw new ModelSpecError(name, describeZodIssues(result.error));
}

/** The JSON Schema of a model spec, generated from the same schemas (for docs and the server). */
export function modelSpecJsonSchema(): object {
  return z.toJSONSchema(ModelSpecSchema, { io: 'input', unrepresentable: 'any' });
}
