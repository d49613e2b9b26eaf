import { SeededRandom } from '@mimo/core';
import { SPLITS, SplitIndices, SplitOptions, SplitOptionsSchema, splitCounts, shuffled } from './split-fractions';
import { indicesByLabel } from './stratified-split';

/**
 * Keeps every group (a patient, a ticker) whole: groups are shuffled and filled into train, then val, then
 * test, so no group is in two splits. Shares are met to within one group's size.
 */
export function groupSplit(groups: readonly (string | number)[], options: SplitOptions = {}): SplitIndices {
  const { fractions, seed } = SplitOptionsSchema.parse(options);
  const [trainRows, valRows] = splitCounts(groups.length, fractions);
  const result: SplitIndices = { train: [], val: [], test: [] };
  let assigned = 0;
  for (const indices of shuffled([...indicesByLabel(groups).values()], new SeededRandom(seed))) {
    const split = assigned < trainRows ? 'train' : assigned < trainRows + valRows ? 'val' : 'test';
    result[split].push(...indices);
    assigned += indices.length;
  }
  for (const split of SPLITS) result[split].sort((a, b) => a - b);
  return result;
}
