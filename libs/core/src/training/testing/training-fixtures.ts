import * as tf from '@tensorflow/tfjs';
import { ModelSpecInput, parseModelSpec, ModelSpec } from '../../spec/model-spec';
import { SeededRandom } from '../../random/seeded-random';
import { TrainingData } from '../data/training-data';

/** A two-input, two-head spec small enough to train in milliseconds. */
export const tinySpec: ModelSpec = parseModelSpec({
  name: 'tiny',
  inputs: {
    a: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [6] } },
    b: { kind: 'numeric', size: 2, encoder: { type: 'dense', units: [4], dropout: 0.2 } },
  },
  heads: {
    flag: { type: 'binary' },
    level: { type: 'regression', lossWeight: 0.5 },
  },
  seed: 5,
} satisfies ModelSpecInput);

/**
 * Learnable data for `tinySpec`: flag = a0 + b0 > 0, level = a1 − b1 (plus a little noise).
 */
export function tinyData(n: number, seed = 1): TrainingData {
  const rng = new SeededRandom(seed);
  const a: number[][] = [];
  const b: number[][] = [];
  const flag: number[][] = [];
  const level: number[][] = [];
  for (let i = 0; i < n; i++) {
    const ai = [rng.normal(), rng.normal(), rng.normal()];
    const bi = [rng.normal(), rng.normal()];
    a.push(ai);
    b.push(bi);
    flag.push([ai[0] + bi[0] > 0 ? 1 : 0]);
    level.push([ai[1] - bi[1] + 0.05 * rng.normal()]);
  }
  return { xs: { a: tf.tensor2d(a), b: tf.tensor2d(b) }, ys: { flag: tf.tensor2d(flag), level: tf.tensor2d(level) } };
}

/** Every weight of a model as plain numbers (to compare runs exactly). */
export function weightValues(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}
