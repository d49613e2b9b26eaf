import { SeededRandom } from '@mimo/core';
import { cut, shuffled, SplitIndices, SplitOptions, SplitOptionsSchema, splitCounts } from './split-fractions';

/** Shuffles `count` rows with a seed and cuts them into train / val / test. */
export function randomSplit(count: number, options: SplitOptions = {}): SplitIndices {
  const { fractions, seed } = SplitOptionsSchema.parse(options);
  const order = shuffled(Array.from({ length: count }, (_, i) => i), new SeededRandom(seed));
  return cut(order, splitCounts(count, fractions));
}
