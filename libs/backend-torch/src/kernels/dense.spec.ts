import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { worstRelativeError } from '../testing/kernel-agreement';
import { randomTensor as r } from '../testing/random-tensor';
import { DENSE_ACTIVATIONS, DENSE_KERNEL_NAMES } from './dense';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

type Values = number[][];

/** x, kernel, bias and the output's weights for a scalar loss, the same on every backend. */
const problem = (xShape: number[]) => ({ x: r(xShape, 'normal', 1), kernel: r([4, 3], 'normal', 2), bias: r([3], 'normal', 3), dy: r([...xShape.slice(0, -1), 3], 'normal', 4) });

/** y = activation(x·kernel + bias) in tfjs ops, and the gradients of Σ y·dy for x, kernel (and bias). */
function reference(xShape: number[], activation: string, withBias: boolean): Values {
  return tf.tidy(() => {
    const { x, kernel, bias, dy } = problem(xShape);
    const forward = (xv: tf.Tensor, k: tf.Tensor, b: tf.Tensor) => {
      const z = tf.add(tf.matMul(tf.reshape(xv, [-1, 4]), k), withBias ? b : 0);
      const y = activation === 'linear' ? z : (tf[activation as 'relu' | 'sigmoid' | 'tanh'](z) as tf.Tensor);
      return tf.reshape(y, dy.shape);
    };
    const y = forward(x, kernel, bias);
    const loss = (...args: tf.Tensor[]) => tf.sum(tf.mul(forward(args[0], args[1], args[2] ?? bias), dy));
    const grads = tf.grads(loss)(withBias ? [x, kernel, bias] : [x, kernel]);
    return [y, ...grads].map((t) => Array.from(t.dataSync()));
  });
}

function fused(xShape: number[], activation: string, withBias: boolean): Values {
  return tf.tidy(() => {
    const { x, kernel, bias, dy } = problem(xShape);
    const inputs: tf.NamedTensorMap = withBias ? { x, kernel, bias } : { x, kernel };
    const y = tf.engine().runKernel(DENSE_KERNEL_NAMES.forward, inputs, { activation }) as tf.Tensor;
    const grads = tf.engine().runKernel(DENSE_KERNEL_NAMES.backward, { x, kernel, y, dy }, { activation, hasBias: withBias }) as unknown as tf.Tensor[];
    expect(y.shape).toEqual(dy.shape);
    expect(grads.map((g) => g.shape)).toEqual([x.shape, kernel.shape, ...(withBias ? [bias.shape] : [])]);
    return [y, ...grads].map((t) => Array.from(t.dataSync()));
  });
}

describeTorch('the fused Dense kernels', () => {
  afterAll(() => tf.setBackend('cpu'));

  const cases = DENSE_ACTIVATIONS.flatMap((activation) => [
    [activation, [5, 4], true],
    [activation, [2, 3, 4], false],
  ] as const);
  it.each(cases)('%s, x %j, bias %s: output and every gradient within 1e-5 of tfjs ops on cpu', async (activation, xShape, withBias) => {
    await tf.setBackend('cpu');
    const expected = reference([...xShape], activation, withBias);
    await tf.setBackend('torch');
    const before = tf.memory().numTensors;
    const actual = fused([...xShape], activation, withBias);
    expect(tf.memory().numTensors).toBe(before);
    expect(actual).toHaveLength(expected.length);
    actual.forEach((values, i) => expect(worstRelativeError(values, expected[i])).toBeLessThanOrEqual(1e-5));
  });

  it('names an activation it lacks', async () => {
    await tf.setBackend('torch');
    const { x, kernel } = problem([2, 4]);
    expect(() => tf.engine().runKernel(DENSE_KERNEL_NAMES.forward, { x, kernel }, { activation: 'elu' })).toThrow(
      "Dense activation must be one of linear, relu, sigmoid, tanh. Received: 'elu'",
    );
    tf.dispose([x, kernel]);
  });
});
