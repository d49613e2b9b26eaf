import * as tf from '@tensorflow/tfjs';
import { tensorsLeaked } from './layer-checks.test-helper';

describe('tensorsLeaked', () => {
  it('counts a tensor left behind and disposes the returned ones (a count inside tf.tidy would read 0)', () => {
    const leaks: tf.Tensor[] = [];
    expect(
      tensorsLeaked(() => {
        leaks.push(tf.ones([2]));
        return [tf.zeros([1]), { y: tf.zeros([3]) }];
      }),
    ).toBe(1);
    expect(tensorsLeaked(() => tf.tidy(() => tf.add(tf.ones([2]), 1)))).toBe(0);
    tf.dispose(leaks);
  });
});
