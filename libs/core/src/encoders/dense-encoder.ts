import { z } from 'zod';
import { buildDenseStack, DenseStackFields } from '../blocks/dense-stack';
import { EncoderDefinition } from './encoded-input';

export const DenseEncoderConfigSchema = z
  .object({
    type: z.literal('dense').describe('Multi-layer perceptron over a numeric vector.'),
    ...DenseStackFields,
  })
  .describe('Dense encoder: `[batch, size] float32 → [batch, units[last]] float32`.');

export type DenseEncoderConfig = z.infer<typeof DenseEncoderConfigSchema>;

export const denseEncoder: EncoderDefinition<DenseEncoderConfig> = {
  accepts: ['numeric'],
  build: ({ input, config, ctx }) => ({ features: buildDenseStack(input, config, ctx) }),
};
