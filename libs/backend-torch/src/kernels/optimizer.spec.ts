import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { worstRelativeError } from '../testing/kernel-agreement';
import { randomTensor as r } from '../testing/random-tensor';
import { ADAM_UPDATE_KERNEL } from './optimizer';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

const attrs = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, alpha: 0.01 };

/** Variable, gradient and moments (v ≥ 0), the same on every backend. */
const problem = () => ({ variable: r([5, 7], 'normal', 1), gradient: r([5, 7], 'normal', 2), m: tf.mul(r([5, 7], 'normal', 3), 0.1), v: r([5, 7], 'positive', 4) });

describeTorch('the fused Adam kernel', () => {
  afterAll(() => tf.setBackend('cpu'));

  it('matches the Adam formula written with tfjs ops on cpu (variable, m and v within 1e-6)', async () => {
    await tf.setBackend('cpu');
    const expected = tf.tidy(() => {
      const { variable, gradient, m, v } = problem();
      const newM = tf.add(tf.mul(m, attrs.beta1), tf.mul(gradient, 1 - attrs.beta1));
      const newV = tf.add(tf.mul(v, attrs.beta2), tf.mul(tf.square(gradient), 1 - attrs.beta2));
      const newVariable = tf.sub(variable, tf.div(tf.mul(newM, attrs.alpha), tf.add(tf.sqrt(newV), attrs.epsilon)));
      return [newVariable, newM, newV].map((t) => t.dataSync());
    });
    await tf.setBackend('torch');
    const before = tf.memory().numTensors;
    const actual = tf.tidy(() => (tf.engine().runKernel(ADAM_UPDATE_KERNEL, problem(), attrs) as unknown as tf.Tensor[]).map((t) => t.dataSync()));
    expect(tf.memory().numTensors).toBe(before);
    expect(actual).toHaveLength(3);
    actual.forEach((values, i) => expect(worstRelativeError(values, expected[i])).toBeLessThanOrEqual(1e-6));
  });
});
