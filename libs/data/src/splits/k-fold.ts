import { SeededRandom } from '@mimo/core';
import { shuffled } from './split-fractions';
import { indicesByLabel } from './stratified-split';

export interface Fold {
  train: number[];
  test: number[];
}

export interface KFoldOptions {
  /** Number of folds (at least 2). */
  k: number;
  /** Seed of the shuffle. Defaults to 42. */
  seed?: number;
  /** Stratify: each fold keeps the label balance. */
  labels?: readonly (string | number)[];
  /** Keep groups whole: no group in two folds (groups go to the fold with fewest rows, largest first). */
  groups?: readonly (string | number)[];
}

/** k folds over `count` rows: every row is in exactly one fold's test part. */
export function kFold(count: number, options: KFoldOptions): Fold[] {
  const { k, labels, groups } = options;
  const random = new SeededRandom(options.seed ?? 42);
  if (!Number.isInteger(k) || k < 2 || k > count) throw new Error(`kFold: expected k an integer from 2 to ${count} (the row count), received ${k}`);
  if (labels && groups) throw new Error('kFold: expected labels or groups, received both');
  for (const [name, list] of [['labels', labels], ['groups', groups]] as const) {
    if (list && list.length !== count) throw new Error(`kFold: expected ${count} ${name}, received ${list.length}`);
  }
  const foldOf = new Array<number>(count);
  if (groups) {
    const units = shuffled([...indicesByLabel(groups).values()], random).sort((a, b) => b.length - a.length);
    if (units.length < k) throw new Error(`kFold: expected at least k = ${k} groups, received ${units.length}`);
    const sizes = new Array<number>(k).fill(0);
    for (const unit of units) {
      const fold = sizes.indexOf(Math.min(...sizes));
      unit.forEach((i) => (foldOf[i] = fold));
      sizes[fold] += unit.length;
    }
  } else {
    // Dealing the rows of each class in turn keeps every fold's label balance (plain k-fold: one class).
    const order = labels ? [...indicesByLabel(labels).values()].flatMap((indices) => shuffled(indices, random)) : shuffled(Array.from({ length: count }, (_, i) => i), random);
    order.forEach((row, position) => (foldOf[row] = position % k));
  }
  return Array.from({ length: k }, (_, fold) => ({
    train: foldOf.flatMap((f, i) => (f === fold ? [] : [i])),
    test: foldOf.flatMap((f, i) => (f === fold ? [i] : [])),
  }));
}
