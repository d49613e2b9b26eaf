import { z } from 'zod';

const positiveInt = z.number().int().positive();

export const NumericInputSchema = z.object({
  kind: z.literal('numeric').describe('A vector of numbers, e.g. lab values: [batch, size] float32.'),
  size: positiveInt.describe('Number of features.'),
});

export const CategoricalInputSchema = z.object({
  kind: z.literal('categorical').describe('Category ids, 0 reserved for unknown: [batch, length] int32.'),
  vocabSize: positiveInt.describe('Number of distinct ids, including the unknown id 0.'),
  length: positiveInt.default(1).describe('Ids per example (several categorical columns). Defaults to 1.'),
});

export const TokensInputSchema = z.object({
  kind: z.literal('tokens').describe('Token ids padded with 0: [batch, maxLength] int32.'),
  vocabSize: positiveInt.describe('Vocabulary size, including PAD (0) and OOV ids.'),
  maxLength: positiveInt.describe('Tokens per example after padding / truncation.'),
});

export const TokenGroupsInputSchema = z.object({
  kind: z
    .literal('token-groups')
    .describe("Texts in groups, e.g. each day's tweets: [batch, groups, texts, maxLength] int32 token ids, 0 for padding (a missing word, text or whole group)."),
  vocabSize: positiveInt.describe('Vocabulary size, including PAD (0) and OOV ids.'),
  groups: positiveInt.describe('Groups per example (e.g. days).'),
  texts: positiveInt.describe('Texts per group (e.g. tweets per day) after padding / truncation.'),
  maxLength: positiveInt.describe('Tokens per text after padding / truncation.'),
});

export const ImageInputSchema = z.object({
  kind: z.literal('image').describe('An image: [batch, height, width, channels] float32.'),
  height: positiveInt.describe('Image height in pixels.'),
  width: positiveInt.describe('Image width in pixels.'),
  channels: positiveInt.default(1).describe('1 for grey, 3 for RGB. Defaults to 1.'),
});

export const SequenceInputSchema = z.object({
  kind: z.literal('sequence').describe('A time series: [batch, steps, features] float32.'),
  steps: positiveInt.nullable().describe('Time steps, or null for variable length (pad with 0 and mask).'),
  features: positiveInt.describe('Features per time step.'),
});

export type NumericInput = z.infer<typeof NumericInputSchema>;
export type CategoricalInput = z.infer<typeof CategoricalInputSchema>;
export type TokensInput = z.infer<typeof TokensInputSchema>;
export type TokenGroupsInput = z.infer<typeof TokenGroupsInputSchema>;
export type ImageInput = z.infer<typeof ImageInputSchema>;
export type SequenceInput = z.infer<typeof SequenceInputSchema>;
export type InputShapeSpec = NumericInput | CategoricalInput | TokensInput | TokenGroupsInput | ImageInput | SequenceInput;
export type InputKind = InputShapeSpec['kind'];

/** The tensor shape of one example (no batch dimension). */
export function inputShape(input: InputShapeSpec): (number | null)[] {
  switch (input.kind) {
    case 'numeric':
      return [input.size];
    case 'categorical':
      return [input.length];
    case 'tokens':
      return [input.maxLength];
    case 'token-groups':
      return [input.groups, input.texts, input.maxLength];
    case 'image':
      return [input.height, input.width, input.channels];
    case 'sequence':
      return [input.steps, input.features];
  }
}

export function inputDtype(input: InputShapeSpec): 'int32' | 'float32' {
  return input.kind === 'categorical' || input.kind === 'tokens' || input.kind === 'token-groups' ? 'int32' : 'float32';
}
