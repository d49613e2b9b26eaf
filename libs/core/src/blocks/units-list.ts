import { z } from 'zod';

/**
 * `units` of a layer stack, as every `units` in a spec is: a list, one entry per layer, in order. A single number
 * (specs saved before units became lists) reads as a one-layer list.
 */
export function unitsListSchema(defaultUnits: number, what: string) {
  const positive = z.number().int().positive();
  return z
    .union([z.array(positive).min(1), positive])
    .transform((units) => (Array.isArray(units) ? units : [units]))
    .default([defaultUnits])
    .describe(`${what}, one entry per stacked layer, in order. Defaults to [${defaultUnits}].`);
}
