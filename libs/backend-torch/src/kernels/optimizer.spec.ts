import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { worstRelativeError } from '../testing/kernel-agreement';
import { randomTensor as r } from '../testing/random-tensor';
import { ADAM_UPDATE_KERNEL } from './optimizer';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

const attrs = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, alpha: 0.01 };

/** Variable, gradient and moments (v ≥ 0), the same on every backend. */
const problem = (shape: number[]) => ({ variable: r(shape, 'normal', 1), gradient: r(shape, 'normal', 2), m: tf.mul(r(shape, 'normal', 3), 0.1), v: r(shape, 'positive', 4) });

describeTorch('the fused Adam kernel', () => {
  afterAll(() => tf.setBackend('cpu'));

  // [5, 7]: one pass; [300, 300]: split across threads; [0]: empty. atenOps: the ATen form cuda runs.
  it.each([
    [[5, 7], false],
    [[300, 300], false],
    [[0], false],
    [[5, 7], true],
  ])('matches the Adam formula written with tfjs ops on cpu (variable, m and v within 1e-6): shape %j, atenOps %s', async (shape, atenOps) => {
    await tf.setBackend('cpu');
    const expected = tf.tidy(() => {
      const { variable, gradient, m, v } = problem(shape);
      const newM = tf.add(tf.mul(m, attrs.beta1), tf.mul(gradient, 1 - attrs.beta1));
      const newV = tf.add(tf.mul(v, attrs.beta2), tf.mul(tf.square(gradient), 1 - attrs.beta2));
      const newVariable = tf.sub(variable, tf.div(tf.mul(newM, attrs.alpha), tf.add(tf.sqrt(newV), attrs.epsilon)));
      return [newVariable, newM, newV].map((t) => t.dataSync());
    });
    await tf.setBackend('torch');
    const before = tf.memory().numTensors;
    const actual = tf.tidy(() => (tf.engine().runKernel(ADAM_UPDATE_KERNEL, problem(shape), { ...attrs, atenOps }) as unknown as tf.Tensor[]).map((t) => t.dataSync()));
    expect(tf.memory().numTensors).toBe(before);
    expect(actual).toHaveLength(3);
    actual.forEach((values, i) => expect(worstRelativeError(values, expected[i])).toBeLessThanOrEqual(1e-6));
  });
});
