import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../model/build-model';
import { parseModelSpec } from '../spec/model-spec';
import { maxAbsDiff, weightsNotBitIdentical } from './round-trip';

describe('round-trip comparisons', () => {
  const spec = parseModelSpec({
    name: 'round_trip',
    inputs: { x: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [4] } } },
    heads: { y: { type: 'binary' } },
    seed: 5,
  });

  it('finds no differing weight between two builds of one seeded spec, and names one changed by a single ulp', () => {
    const saved = buildModel(spec);
    const loaded = buildModel(spec);
    try {
      expect(weightsNotBitIdentical(saved, loaded)).toEqual([]);
      const kernel = loaded.weights[0];
      const values = kernel.read().dataSync().slice() as Float32Array;
      const bits = new Uint32Array(values.buffer);
      bits[0] += 1; // the next float32 after values[0]
      const nudged = tf.tensor(values, kernel.read().shape);
      kernel.write(nudged);
      nudged.dispose();
      expect(weightsNotBitIdentical(saved, loaded)).toEqual([kernel.originalName]);
    } finally {
      saved.dispose();
      loaded.dispose();
    }
  });

  it('takes the largest absolute difference over every output', () => {
    expect(maxAbsDiff([Float32Array.of(1, 2), Float32Array.of(0)], [Float32Array.of(1, 2.5), Float32Array.of(-0.75)])).toBe(0.75);
    expect(maxAbsDiff([[NaN]], [[0]])).toBeNaN();
  });
});
