import * as tf from '@tensorflow/tfjs';
import { HEAD_LOSS_KERNELS } from '@mimo/kernels';
import { kernelsOf, seeded, worstError } from '../../layers/layer-checks.test-helper';
import { hasHeadLossKernels } from './fused-head-loss';
import { losses } from './fused-losses';

type LossName = keyof typeof losses;

const STOCK: Record<LossName, (labels: tf.Tensor, predictions: tf.Tensor) => tf.Tensor> = {
  sigmoidCrossEntropy: (labels, logits) => tf.losses.sigmoidCrossEntropy(labels, logits),
  softmaxCrossEntropy: (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits),
  meanSquaredError: (labels, predictions) => tf.losses.meanSquaredError(labels, predictions),
  absoluteDifference: (labels, predictions) => tf.losses.absoluteDifference(labels, predictions),
};

/** Labels of a loss's kind (0/1, one-hot rows, or real values) and predictions, with large logits in the last row. */
function problem(name: LossName, shape: number[]): { labels: tf.Tensor; predictions: tf.Tensor } {
  return tf.tidy(() => {
    const units = shape[shape.length - 1];
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const values = tf.mul(seeded([rows - 1, units], 3), 4);
    const predictions = tf.concat([values, tf.tensor2d([[35, -35, 45, -45].slice(0, units)])]).reshape(shape);
    let labels: tf.Tensor;
    if (name === 'sigmoidCrossEntropy') labels = tf.cast(tf.greater(seeded(shape, 5), 0), 'float32');
    else if (name === 'softmaxCrossEntropy') labels = tf.oneHot(tf.tensor1d(Array.from({ length: rows }, (_, i) => (i * 7) % units), 'int32'), units).toFloat().reshape(shape);
    else labels = seeded(shape, 5);
    return { labels, predictions };
  });
}

/** The loss times 1.5, and its gradient for the predictions. */
function valueAndGradient(loss: (labels: tf.Tensor, predictions: tf.Tensor) => tf.Tensor, name: LossName, shape: number[]): number[][] {
  const { labels, predictions } = problem(name, shape);
  const p = tf.variable(predictions);
  try {
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.mul(loss(labels, p), 1.5) as tf.Scalar, [p]);
      return [Array.from(value.dataSync()), Array.from(grads[p.name].dataSync())];
    });
  } finally {
    tf.dispose([labels, predictions, p]);
  }
}

describe('losses', () => {
  let backend: string;
  beforeAll(() => {
    backend = tf.getBackend();
  });
  afterEach(() => tf.setBackend(backend));

  const cases = (Object.keys(losses) as LossName[]).flatMap((name) => [[name, [7, 3]] as const, [name, [2, 3, 4]] as const]);
  it.each(cases)('%s on %j: the value and gradient of tf.losses on the cpu (within 1e-5), no tensor left behind', async (name, shape) => {
    await tf.setBackend('cpu');
    const expected = valueAndGradient(STOCK[name], name, [...shape]);
    await tf.setBackend(backend);
    const before = tf.memory().numTensors;
    const actual = valueAndGradient(losses[name], name, [...shape]);
    expect(tf.memory().numTensors).toBe(before);
    expect(worstError(actual, expected)).toBeLessThanOrEqual(1e-5);
  });

  it('runs one kernel each way where the backend has them (torch), the stock ops elsewhere', async () => {
    for (const name of ['cpu', backend]) {
      await tf.setBackend(name);
      const { labels, predictions } = problem('sigmoidCrossEntropy', [6, 2]);
      const logits = tf.variable(predictions);
      const kernels = await kernelsOf(() => tf.variableGrads(() => losses.sigmoidCrossEntropy(labels, logits), [logits]).grads);
      const fused = hasHeadLossKernels();
      expect([name, kernels.has(HEAD_LOSS_KERNELS.forward), kernels.has(HEAD_LOSS_KERNELS.backward), kernels.has('Log1p')]).toEqual([name, fused, fused, !fused]);
      tf.dispose([labels, predictions, logits]);
    }
    if (backend === 'torch') expect(hasHeadLossKernels()).toBe(true);
  });

  it('takes int32 labels as their float32 values', () => {
    const [labels, logits] = [tf.tensor2d([[1, 0], [0, 1], [1, 1]], [3, 2], 'int32'), tf.tensor2d([[2, -1], [0.5, 3], [-4, 1]])];
    const [asInts, asFloats] = tf.tidy(() => [losses.sigmoidCrossEntropy(labels, logits).dataSync()[0], losses.sigmoidCrossEntropy(tf.cast(labels, 'float32'), logits).dataSync()[0]]);
    expect(asInts).toBe(asFloats);
    tf.dispose([labels, logits]);
  });

  it('names both shapes when labels and predictions differ', () => {
    const [labels, logits] = [tf.zeros([4, 1]), tf.zeros([4, 2])];
    expect(() => losses.sigmoidCrossEntropy(labels, logits)).toThrow('losses.sigmoidCrossEntropy: labels and predictions must have one shape. Received: [4, 1] and [4, 2]');
    tf.dispose([labels, logits]);
  });
});
