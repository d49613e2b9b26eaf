import { describeZodIssues } from '@mimo/core/internal';
import { z } from 'zod';

export const SensorPreprocessingSchema = z.object({
  format: z.literal('mimo.autonomous').describe('Marks the state as this app’s.'),
  version: z.literal(1).describe('State format version.'),
  imageSize: z.number().int().positive().describe('Camera side the model reads; other images are resized (fill).'),
  beams: z.number().int().positive().describe('Ranges per scan.'),
  maxRange: z.number().positive().describe('Ranges are clipped to [0, maxRange] and divided by it.'),
  classes: z.array(z.string()).min(2).describe('Manoeuvre names in the order of the head’s units.'),
  rangeEdges: z
    .array(z.array(z.number()).min(2))
    .optional()
    .describe('Per beam, the quantile bin edges of its training ranges: the LIDAR input is their piecewise-linear encoding. Absent: ranges / maxRange.'),
});

/**
 * What the app's tensors depend on, saved as the bundle's `preprocessing.json` so that evaluate, predict and
 * serve read frames exactly as training did. Fitted to the training frames: the class list, and for a manifest the
 * range scale and the ranges' bin edges.
 */
export type SensorPreprocessing = z.infer<typeof SensorPreprocessingSchema>;

/** Width of the LIDAR input: one value per beam, or one per bin of each beam's piecewise-linear encoding. */
export function lidarWidth(state: { beams: number; rangeEdges?: readonly (readonly number[])[] }): number {
  return state.rangeEdges ? state.rangeEdges.reduce((n, edges) => n + edges.length - 1, 0) : state.beams;
}

/** Reads a bundle's preprocessing state; anything else is an error that says what was expected. */
export function parseSensorPreprocessing(state: unknown): SensorPreprocessing {
  const parsed = SensorPreprocessingSchema.safeParse(state);
  if (!parsed.success) {
    throw new Error(`expected the autonomous app's preprocessing state (format 'mimo.autonomous'), received: ${describeZodIssues(parsed.error).join(' ')}`);
  }
  return parsed.data;
}
