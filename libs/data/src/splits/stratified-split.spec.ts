import { stratifiedSplit } from './stratified-split';

describe('stratifiedSplit', () => {
  it('keeps the label balance in every split', () => {
    const labels = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 'rare' : 'common'));
    const split = stratifiedSplit(labels, { fractions: { train: 0.6, val: 0.2, test: 0.2 }, seed: 1 });
    const rare = (indices: number[]) => indices.filter((i) => labels[i] === 'rare').length;
    expect([rare(split.train), rare(split.val), rare(split.test)]).toEqual([30, 10, 10]);
    expect([split.train.length, split.val.length, split.test.length]).toEqual([120, 40, 40]);
  });
});
