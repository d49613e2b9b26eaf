import { SeededRandom } from '../../random/seeded-random';

/**
 * A 32-bit seed derived from a base seed and a path of parts (`'shuffle', epoch`), FNV-1a over their text.
 * Every random choice the trainer makes (shuffle order, bootstrap sample, dropout mask, augmentation) draws from
 * a generator seeded this way, so the "RNG state" of a run is just `(seed, epoch, step)`: a resumed run
 * re-derives exactly the streams an uninterrupted run would have used.
 */
export function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of [seed, ...parts].join('/')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A generator for one purpose of one run, e.g. `randomFor(seed, 'shuffle', epoch)`. */
export function randomFor(seed: number, ...parts: (string | number)[]): SeededRandom {
  return new SeededRandom(deriveSeed(seed, ...parts));
}

/** 0 … n−1 in a seeded random order (Fisher–Yates). */
export function permutation(n: number, rng: SeededRandom): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
