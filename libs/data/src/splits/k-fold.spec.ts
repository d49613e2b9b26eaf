import { kFold } from './k-fold';

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('kFold', () => {
  it('puts every row in exactly one test fold, folds of near-equal size', () => {
    const folds = kFold(23, { k: 5 });
    expect(folds.map((f) => f.test.length)).toEqual([5, 5, 5, 4, 4]);
    expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(all(23));
    for (const fold of folds) expect([...fold.train, ...fold.test].sort((a, b) => a - b)).toEqual(all(23));
  });

  it('stratified: every fold keeps the label balance', () => {
    const labels = all(100).map((i) => (i < 20 ? 1 : 0));
    for (const fold of kFold(100, { k: 10, labels, seed: 5 })) expect(fold.test.filter((i) => labels[i] === 1).length).toBe(2);
  });

  it('grouped: no group in two folds', () => {
    const groups = all(60).map((i) => `g${i % 13}`);
    const folds = kFold(60, { k: 4, groups });
    folds.forEach((fold, f) => {
      const inTest = new Set(fold.test.map((i) => groups[i]));
      for (const i of fold.train) expect(inTest.has(groups[i])).toBe(false);
      expect(fold.test.length).toBeGreaterThan(0);
      expect(f).toBeLessThan(4);
    });
  });

  it('rejects a bad k', () => {
    expect(() => kFold(3, { k: 1 })).toThrow('kFold: expected k an integer from 2 to 3 (the row count), received 1');
    expect(() => kFold(10, { k: 5, groups: all(10).map((i) => i % 3) })).toThrow('kFold: expected at least k = 5 groups, received 3');
  });
});
