import { z } from 'zod';

/** Fields every optimizer config shares. */
export const OptimizerFields = {
  learningRate: z.number().positive(),
  clipping: {
    clipNorm: z.number().positive().optional().describe("Clip each variable's gradient to this L2 norm (Keras `clipnorm`). Defaults to unset."),
    globalClipNorm: z
      .number()
      .positive()
      .optional()
      .describe('Scale all gradients together so that their joint L2 norm is at most this (Keras `global_clipnorm`). Defaults to unset.'),
    clipValue: z.number().positive().optional().describe('Clip every gradient element to [−clipValue, clipValue] (Keras `clipvalue`). Defaults to unset.'),
  },
};

export interface GradientClipping {
  clipNorm?: number;
  globalClipNorm?: number;
  clipValue?: number;
}
