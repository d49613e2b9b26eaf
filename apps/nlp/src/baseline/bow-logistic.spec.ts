import { bagOfWords, BowLinearModel } from './bow-logistic';

describe('bag-of-words linear models', () => {
  it('drops padding and L2-normalises log counts', () => {
    const x = bagOfWords([5, 5, 7, 0, 0]);
    expect(Array.from(x.ids)).toEqual([5, 7]);
    const [a, b] = Array.from(x.values);
    expect(a / b).toBeCloseTo(Math.log(3) / Math.log(2), 5);
    expect(Math.hypot(a, b)).toBeCloseTo(1, 5);
  });

  // Word 2 (or 3) decides the label; words 4–9 are noise.
  const texts = Array.from({ length: 60 }, (_, i) => bagOfWords([i % 2 ? 2 : 3, 4 + (i % 6), 4 + ((i * 5) % 6)]));

  it('learns a binary label carried by one word', () => {
    const model = new BowLinearModel('binary', 10, 1).fit(texts, texts.map((_, i) => [i % 2]));
    expect(texts.every((x, i) => model.predict(x)[0] > 0.5 === (i % 2 === 1))).toBe(true);
    expect(model.predict(bagOfWords([2, 5]))[0]).toBeGreaterThan(0.5);
    expect(model.predict(bagOfWords([3, 5]))[0]).toBeLessThan(0.5);
  });

  it('gives multiclass probabilities that sum to 1', () => {
    const model = new BowLinearModel('multiclass', 10, 3).fit(texts, texts.map((_, i) => [0, 1, 2].map((k) => (k === i % 2 ? 1 : 0))));
    const p = model.predict(bagOfWords([2]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.indexOf(Math.max(...p))).toBe(1);
  });
});
