import { OOV_ID, PAD_ID, paddingMask, Vocabulary } from './vocabulary';

const texts = [['b', 'a', 'b'], ['c', 'b', 'a'], ['d']];

describe('Vocabulary', () => {
  it('orders tokens by count then alphabet, after PAD 0 and OOV 1', () => {
    const vocabulary = Vocabulary.fit(texts);
    expect(vocabulary.tokens).toEqual(['b', 'a', 'c', 'd']);
    expect(vocabulary.size).toBe(6);
    expect([vocabulary.idOf('b'), vocabulary.idOf('d'), vocabulary.idOf('zzz')]).toEqual([2, 5, OOV_ID]);
  });

  it('keeps tokens seen at least minCount times, up to maxSize ids in all', () => {
    expect(Vocabulary.fit(texts, { minCount: 2 }).tokens).toEqual(['b', 'a']);
    expect(Vocabulary.fit(texts, { maxSize: 3 }).tokens).toEqual(['b']);
    expect(() => Vocabulary.fit(texts, { maxSize: 1 })).toThrow('maxSize must leave room for PAD and OOV: expected at least 2, received 1');
  });

  it('pads and truncates at either end, and masks the padding', () => {
    const vocabulary = new Vocabulary(['a', 'b', 'c']);
    expect(Array.from(vocabulary.encode(['a', 'b'], { maxLength: 4 }))).toEqual([2, 3, PAD_ID, PAD_ID]);
    expect(Array.from(vocabulary.encode(['a', 'b'], { maxLength: 4, padding: 'pre' }))).toEqual([PAD_ID, PAD_ID, 2, 3]);
    expect(Array.from(vocabulary.encode(['a', 'b', 'c'], { maxLength: 2 }))).toEqual([2, 3]);
    expect(Array.from(vocabulary.encode(['a', 'b', 'c'], { maxLength: 2, truncation: 'pre' }))).toEqual([3, 4]);
    expect(Array.from(paddingMask([2, 1, 0, 0]))).toEqual([1, 1, 0, 0]);
  });
});
