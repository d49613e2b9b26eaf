import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../model/build-model';
import { SeededRandom } from '../random/seeded-random';
import { referenceSpec } from './reference-specs';

/** Reference model 6: padded time steps must not change the prediction. */
describe('variable_length (Masking(0) → LSTM)', () => {
  it('gives the same output whatever the padding', () => {
    const model = buildModel(referenceSpec('variable_length'));
    const rng = new SeededRandom(5);
    const lengths = [2, 5, 3];
    const series = lengths.map((n) => Array.from({ length: n }, () => [rng.normal(), rng.normal(), rng.normal()]));
    const padded = (steps: number) => tf.tensor3d(series.map((s) => [...s, ...Array.from({ length: steps - s.length }, () => [0, 0, 0])]));
    const short = (model.predict(padded(5)) as tf.Tensor).arraySync() as number[][];
    const long = (model.predict(padded(12)) as tf.Tensor).arraySync() as number[][];
    short.forEach((row, i) => expect(row[0]).toBeCloseTo(long[i][0], 6));
    // …and masking is real: feeding the padding as data (no zeros) changes the output.
    const noise = tf.tensor3d(series.map((s) => [...s, ...Array.from({ length: 12 - s.length }, () => [1, 1, 1])]));
    const unmasked = (model.predict(noise) as tf.Tensor).arraySync() as number[][];
    expect(Math.max(...unmasked.map((row, i) => Math.abs(row[0] - long[i][0])))).toBeGreaterThan(1e-4);
    model.dispose();
  });
});
