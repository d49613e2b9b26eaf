import { z } from 'zod';
import { buildDenseStack, DenseStackFields } from '../blocks/dense-stack';
import { concatFeatures, FusionDefinition } from './fusion-definition';

export const ConcatFusionConfigSchema = z
  .object({
    type: z.literal('concat').describe('Concatenate the feature vectors of every input.'),
    ...DenseStackFields,
    units: DenseStackFields.units.default([]).describe('Dense layers after the concatenation. Defaults to [] (none).'),
  })
  .describe('Concatenation fusion: `{input: [batch, dᵢ]} → [batch, Σdᵢ]` (then the optional Dense stack).');

export type ConcatFusionConfig = z.infer<typeof ConcatFusionConfigSchema>;

export const concatFusion: FusionDefinition<ConcatFusionConfig> = {
  sequenceInputs: () => [],
  referencedInputs: () => [],
  build: ({ encoded, config, ctx }) =>
    buildDenseStack(
      concatFeatures(
        Object.values(encoded).map((e) => e.features),
        ctx,
      ),
      config,
      ctx,
    ),
};
