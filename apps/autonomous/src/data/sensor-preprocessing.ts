import { describeZodIssues } from '@mimo/core/internal';
import { z } from 'zod';

export const SensorPreprocessingSchema = z.object({
  format: z.literal('mimo.autonomous').describe('Marks the state as this app’s.'),
  version: z.literal(1).describe('State format version.'),
  imageSize: z.number().int().positive().describe('Camera side the model reads; other images are resized (fill).'),
  beams: z.number().int().positive().describe('Ranges per scan.'),
  maxRange: z.number().positive().describe('Ranges are clipped to [0, maxRange] and divided by it.'),
  classes: z.array(z.string()).min(2).describe('Manoeuvre names in the order of the head’s units.'),
});

/**
 * What the app's tensors depend on, saved as the bundle's `preprocessing.json` so that evaluate, predict and
 * serve read frames exactly as training did. Nothing here is fitted to data except the class list.
 */
export type SensorPreprocessing = z.infer<typeof SensorPreprocessingSchema>;

/** Reads a bundle's preprocessing state; anything else is an error that says what was expected. */
export function parseSensorPreprocessing(state: unknown): SensorPreprocessing {
  const parsed = SensorPreprocessingSchema.safeParse(state);
  if (!parsed.success) {
    throw new Error(`expected the autonomous app's preprocessing state (format 'mimo.autonomous'), received: ${describeZodIssues(parsed.error).join(' ')}`);
  }
  return parsed.data;
}
