import * as tf from '@tensorflow/tfjs';
import { WeightedSum } from './weighted-sum';

describe('WeightedSum', () => {
  it('has a symbolic [null, d] output', () => {
    const out = new WeightedSum().apply([tf.input({ shape: [3] }), tf.input({ shape: [3, 4] })]) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 4]);
  });

  it('sums the vectors with per-example weights (by hand)', () => {
    const weights = tf.tensor2d([
      [0.25, 0.75],
      [1, 0],
    ]);
    const vectors = tf.tensor3d([
      [
        [4, 8],
        [0, 4],
      ],
      [
        [1, 2],
        [3, 5],
      ],
    ]);
    const out = new WeightedSum().apply([weights, vectors]) as tf.Tensor;
    expect(out.arraySync()).toEqual([
      [1, 5],
      [1, 2],
    ]);
  });

  it('rejects mismatched shapes with the shapes it received', () => {
    expect(() => new WeightedSum().apply([tf.input({ shape: [3] }), tf.input({ shape: [2, 4] })])).toThrow(/Received: \[\[null,3\],\[null,2,4\]\]/);
  });
});
