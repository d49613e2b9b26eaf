import { SeededRandom } from '@mimo/core';
import { cut, shuffled, SPLITS, SplitIndices, SplitOptions, SplitOptionsSchema, splitCounts } from './split-fractions';

/** Row indices per distinct label, in first-seen order of the labels. */
export function indicesByLabel(labels: readonly (string | number)[]): Map<string | number, number[]> {
  const byLabel = new Map<string | number, number[]>();
  labels.forEach((label, i) => {
    const list = byLabel.get(label);
    if (list) list.push(i);
    else byLabel.set(label, [i]);
  });
  return byLabel;
}

/** Splits each class separately, so every split keeps the label balance of the whole (to within a row per class). */
export function stratifiedSplit(labels: readonly (string | number)[], options: SplitOptions = {}): SplitIndices {
  const { fractions, seed } = SplitOptionsSchema.parse(options);
  const random = new SeededRandom(seed);
  const result: SplitIndices = { train: [], val: [], test: [] };
  for (const indices of indicesByLabel(labels).values()) {
    const part = cut(shuffled(indices, random), splitCounts(indices.length, fractions));
    for (const split of SPLITS) result[split].push(...part[split]);
  }
  for (const split of SPLITS) result[split].sort((a, b) => a - b);
  return result;
}
