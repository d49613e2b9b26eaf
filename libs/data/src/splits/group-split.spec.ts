import { groupSplit } from './group-split';

describe('groupSplit', () => {
  it('never puts one group (patient, ticker) in two splits', () => {
    const groups = Array.from({ length: 300 }, (_, i) => `patient${i % 37}`);
    const split = groupSplit(groups, { seed: 3 });
    const groupsOf = (indices: number[]) => new Set(indices.map((i) => groups[i]));
    const [train, val, test] = [groupsOf(split.train), groupsOf(split.val), groupsOf(split.test)];
    for (const g of train) expect(val.has(g) || test.has(g)).toBe(false);
    for (const g of val) expect(test.has(g)).toBe(false);
    expect(split.train.length + split.val.length + split.test.length).toBe(300);
    expect(Math.abs(split.train.length - 240)).toBeLessThanOrEqual(9); // within one group's size
  });
});
