import { SeededRandom } from '@mimo/core';
import { z } from 'zod';

/** Row indices of each split, ascending (so a split keeps the file's order). */
export interface SplitIndices {
  train: number[];
  val: number[];
  test: number[];
}

export const SplitFractionsSchema = z
  .object({
    train: z.number().min(0).max(1).default(0.8).describe('Share of rows for training. Defaults to 0.8.'),
    val: z.number().min(0).max(1).default(0.1).describe('Share of rows for validation. Defaults to 0.1.'),
    test: z.number().min(0).max(1).default(0.1).describe('Share of rows for the final test. Defaults to 0.1.'),
  })
  .refine((f) => Math.abs(f.train + f.val + f.test - 1) < 1e-9, 'expected train + val + test = 1');

export const SplitOptionsSchema = z.object({
  fractions: SplitFractionsSchema.default({ train: 0.8, val: 0.1, test: 0.1 }).describe('Shares of train / val / test. Defaults to 0.8 / 0.1 / 0.1.'),
  seed: z.number().int().default(42).describe('Seed of the shuffle: the same seed gives the same split. Defaults to 42.'),
});
export type SplitOptions = z.input<typeof SplitOptionsSchema>;
export type SplitFractions = z.output<typeof SplitFractionsSchema>;

export const SPLITS = ['train', 'val', 'test'] as const;

/** Rows per split for `count` rows, rounded so that they add up to `count` (largest remainder first). */
export function splitCounts(count: number, fractions: SplitFractions): [number, number, number] {
  const exact = SPLITS.map((split) => fractions[split] * count);
  const counts = exact.map(Math.floor);
  const order = [0, 1, 2].sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]));
  for (let i = 0; counts[0] + counts[1] + counts[2] < count; i++) counts[order[i % 3]]++;
  return [counts[0], counts[1], counts[2]];
}

/** Fisher–Yates with the seeded PRNG: the same seed gives the same order on every platform. */
export function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Cuts an ordered index list into train / val / test by counts, each part sorted. */
export function cut(indices: readonly number[], [train, val]: readonly number[]): SplitIndices {
  const sort = (part: number[]) => part.sort((a, b) => a - b);
  return { train: sort(indices.slice(0, train)), val: sort(indices.slice(train, train + val)), test: sort(indices.slice(train + val)) };
}

/** Picks rows by index (for a split's rows). */
export function selectRows<T>(rows: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => rows[i]);
}
