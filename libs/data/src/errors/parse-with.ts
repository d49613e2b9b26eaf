import { describeZodIssues } from '@mimo/core/internal';
import { z } from 'zod';

/** Validates a value against a schema once, at the edge; the error lists every problem with its path. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = describeZodIssues(result.error).map((problem) => `  - ${problem}`);
  throw new Error(`Invalid ${source}:\n${problems.join('\n')}`);
}
