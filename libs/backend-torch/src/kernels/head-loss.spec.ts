import * as tf from '@tensorflow/tfjs';
import { HEAD_LOSS_KERNELS, HeadLossName } from '@mimo/kernels';
import { registerTorchBackend } from '../register-torch';
import { onCpuThen, worstOverArrays } from '../testing/kernel-agreement';
import { randomTensor as r } from '../testing/random-tensor';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

/** tfjs-layers' per-example losses, as Mimo's heads ran them before the kernels (`[batch, units]` → `[batch]`). */
const STOCK: Record<HeadLossName, (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor> = {
  binaryCrossentropy: (yTrue, yPred) => tf.metrics.binaryCrossentropy(yTrue, yPred),
  categoricalCrossentropy: (yTrue, yPred) => tf.metrics.categoricalCrossentropy(yTrue, yPred),
  meanSquaredError: (yTrue, yPred) => tf.metrics.meanSquaredError(yTrue, yPred),
};

/** Labels and predictions of one loss, the same on every backend; the cross-entropies' predictions include 0 and 1, where the clip bites. */
function problem(loss: HeadLossName, weighted: boolean) {
  const [batch, units] = loss === 'binaryCrossentropy' ? [9, 3] : [9, 4];
  const weights = weighted ? tf.add(r([batch], 'positive', 5), 0.1) : undefined;
  if (loss === 'meanSquaredError') return { yTrue: r([batch, units], 'normal', 1), yPred: r([batch, units], 'normal', 2), weights };
  const probabilities = loss === 'binaryCrossentropy' ? tf.sigmoid(r([batch, units], 'normal', 2)) : tf.softmax(r([batch, units], 'normal', 2));
  const edges = tf.tensor2d([Array.from({ length: units }, (_, i) => (i === 0 ? 1 : 0))]);
  const yPred = tf.concat([probabilities.slice([0, 0], [batch - 1, units]), edges]);
  const yTrue = loss === 'binaryCrossentropy' ? tf.cast(tf.greater(r([batch, units], 'normal', 3), 0), 'float32') : tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3, 1], 'int32'), units).toFloat();
  return { yTrue, yPred, weights };
}

/** The loss and its gradient for yPred: the stock ops (weights and mean included) on cpu, the kernels on torch. */
function lossAndGradient(loss: HeadLossName, weighted: boolean, kernels: boolean): Float32Array[] {
  return tf.tidy(() => {
    const { yTrue, yPred, weights } = problem(loss, weighted);
    const data: tf.NamedTensorMap = weights === undefined ? { yTrue } : { yTrue, weights };
    const attrs = { loss, epsilon: 1e-7 };
    const f = (prediction: tf.Tensor) => {
      if (kernels) return tf.engine().runKernel(HEAD_LOSS_KERNELS.forward, { ...data, yPred: prediction }, attrs) as tf.Scalar;
      const perExample = STOCK[loss](yTrue, prediction);
      return tf.mean(weights === undefined ? perExample : tf.mul(perExample, weights)) as tf.Scalar;
    };
    const value = f(yPred);
    const dy = tf.scalar(1.5);
    const gradient = kernels ? (tf.engine().runKernel(HEAD_LOSS_KERNELS.backward, { ...data, yPred, dy }, attrs) as tf.Tensor) : tf.grad(f)(yPred, dy);
    return [value.dataSync() as Float32Array, gradient.dataSync() as Float32Array];
  });
}

describeTorch('the head loss kernels', () => {
  afterAll(() => tf.setBackend('cpu'));

  it.each((['binaryCrossentropy', 'categoricalCrossentropy', 'meanSquaredError'] as const).flatMap((loss) => [[loss, false], [loss, true]] as const))(
    'give the stock loss and its gradient (within 1e-5), no tensor left behind: %s, weighted %s',
    async (loss, weighted) => {
      const { expected, actual, leakedTensors } = await onCpuThen(() => lossAndGradient(loss, weighted, false), 'torch', () => lossAndGradient(loss, weighted, true));
      expect(actual.map((values) => values.length)).toEqual(expected.map((values) => values.length));
      expect(worstOverArrays(actual, expected)).toBeLessThanOrEqual(1e-5);
      expect(leakedTensors).toBe(0);
    },
  );

  it('names an unknown loss', async () => {
    await tf.setBackend('torch');
    const y = tf.zeros([2, 1]);
    expect(() => tf.engine().runKernel(HEAD_LOSS_KERNELS.forward, { yTrue: y, yPred: y }, { loss: 'hinge', epsilon: 1e-7 })).toThrow(
      "torch backend: a head loss must be one of binaryCrossentropy, categoricalCrossentropy, meanSquaredError. Received: 'hinge'",
    );
    y.dispose();
  });
});
