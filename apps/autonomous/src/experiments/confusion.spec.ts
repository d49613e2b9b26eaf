import * as tf from '@tensorflow/tfjs';
import { accuracyOf, argmaxRows, namedConfusion } from './confusion';

describe('confusion matrix', () => {
  it('counts true × predicted and reads accuracy off the diagonal', () => {
    const c = namedConfusion([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], ['a', 'b', 'c']);
    expect(c.classes).toEqual(['a', 'b', 'c']);
    expect(c.counts).toEqual([[1, 1, 0], [0, 1, 0], [1, 0, 1]]);
    expect(accuracyOf(c)).toBeCloseTo(3 / 5);
    expect(accuracyOf(namedConfusion([], [], ['a']))).toBe(0);
  });

  it('takes the argmax of each row', () => {
    const y = tf.tensor2d([[0.1, 0.9], [0.7, 0.3]]);
    expect(argmaxRows(y)).toEqual([1, 0]);
    y.dispose();
  });
});
