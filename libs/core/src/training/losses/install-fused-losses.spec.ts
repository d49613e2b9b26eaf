import * as tf from '@tensorflow/tfjs';
import { HEAD_LOSS_KERNELS } from '@mimo/kernels';
import { kernelsOf, seeded } from '../../layers/layer-checks.test-helper';
import { hasHeadLossKernels } from './fused-head-loss';
import { losses, STOCK_LOSSES } from './fused-losses';
import { installFusedLosses } from './install-fused-losses';

type LossName = keyof typeof losses;
type AnyLoss = (...args: unknown[]) => tf.Tensor;

const NAMES = Object.keys(losses) as LossName[];
const tfLoss = (name: LossName) => (tf.losses as unknown as Record<LossName, AnyLoss>)[name];
/** For each loss, whether tf.losses holds tfjs's own function. */
const stockInPlace = () => NAMES.map((name) => tfLoss(name) === (STOCK_LOSSES[name] as unknown));
const ALL_STOCK = NAMES.map(() => true);

/** 0/1 labels (one-hot rows for the softmax) and predictions of shape [5, 3]. */
function problem(name: LossName): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const predictions = tf.mul(seeded([5, 3], 3), 4);
    const labels = name === 'softmaxCrossEntropy' ? tf.oneHot(tf.tensor1d([0, 2, 1, 1, 0], 'int32'), 3).toFloat() : tf.cast(tf.greater(seeded([5, 3], 5), 0), 'float32');
    return [labels, predictions];
  });
}

/** `loss`'s value and its gradient for the predictions, and the kernels that ran. */
async function run(loss: () => tf.Tensor, predictions: tf.Variable): Promise<{ values: number[][]; kernels: Set<string> }> {
  let values: number[][] = [];
  const kernels = await kernelsOf(() => {
    const { value, grads } = tf.variableGrads(() => loss() as tf.Scalar, [predictions]);
    values = [Array.from(value.dataSync()), Array.from(grads[predictions.name].dataSync())];
    return [value, grads[predictions.name]];
  });
  return { values, kernels };
}

describe('installFusedLosses', () => {
  let backend: string;
  let restore: (() => void) | undefined;
  beforeAll(() => {
    backend = tf.getBackend();
  });
  afterEach(async () => {
    restore?.();
    restore = undefined;
    await tf.setBackend(backend);
  });

  it.each(NAMES)('makes tf.losses.%s run as losses of @mimo/core where tfjs computes alike (one kernel each way on torch)', async (name) => {
    for (const backendName of ['cpu', backend]) {
      await tf.setBackend(backendName);
      const [labels, predictions] = problem(name);
      const p = tf.variable(predictions);
      const expected = await run(() => losses[name](labels, p), p);
      restore = installFusedLosses();
      const installed = await run(() => tfLoss(name)(labels, p), p);
      const installedMean = await run(() => tfLoss(name)(labels, p, undefined, ...(name.endsWith('CrossEntropy') ? [0] : []), tf.Reduction.MEAN), p);
      restore();
      const fused = hasHeadLossKernels();
      expect([backendName, installed.values, installedMean.values]).toEqual([backendName, expected.values, expected.values]);
      expect([backendName, installed.kernels.has(HEAD_LOSS_KERNELS.forward), installed.kernels.has(HEAD_LOSS_KERNELS.backward)]).toEqual([backendName, fused, fused]);
      tf.dispose([labels, predictions, p]);
    }
    if (backend === 'torch') expect(hasHeadLossKernels()).toBe(true);
  });

  // Weights, label smoothing, another reduction, arrays rather than tensors: tfjs's function, as it was.
  const otherCalls: Array<[LossName, string, (labels: tf.Tensor, p: tf.Tensor) => unknown[]]> = [
    ['sigmoidCrossEntropy', 'weights', (labels, p) => [labels, p, tf.tensor2d([[1], [2], [0], [1], [3]])]],
    ['sigmoidCrossEntropy', 'label smoothing', (labels, p) => [labels, p, undefined, 0.1]],
    ['softmaxCrossEntropy', 'a sum', (labels, p) => [labels, p, undefined, 0, tf.Reduction.SUM]],
    ['meanSquaredError', 'no reduction', (labels, p) => [labels, p, undefined, tf.Reduction.NONE]],
    ['absoluteDifference', 'arrays', (labels, p) => [labels.arraySync(), p.arraySync()]],
  ];
  it.each(otherCalls)('leaves a tf.losses.%s call with %s to tfjs', async (name, _, argsOf) => {
    const [labels, predictions] = problem(name);
    const args = argsOf(labels, predictions);
    const expected = await kernelsOf(() => (STOCK_LOSSES[name] as unknown as AnyLoss)(...args));
    const expectedValues = tf.tidy(() => Array.from((STOCK_LOSSES[name] as unknown as AnyLoss)(...args).dataSync()));
    restore = installFusedLosses();
    const kernels = await kernelsOf(() => tfLoss(name)(...args));
    const values = tf.tidy(() => Array.from(tfLoss(name)(...args).dataSync()));
    expect(values).toEqual(expectedValues);
    expect(kernels).toEqual(expected);
    expect(kernels.has(HEAD_LOSS_KERNELS.forward)).toBe(false);
    tf.dispose([labels, predictions, ...args.filter((arg): arg is tf.Tensor => arg instanceof tf.Tensor)]);
  });

  it('installs once however often it is called, and puts tfjs’s functions back', () => {
    restore = installFusedLosses();
    expect(installFusedLosses()).toBe(restore);
    expect(stockInPlace()).toEqual(NAMES.map(() => false));
    restore();
    expect(stockInPlace()).toEqual(ALL_STOCK);
    const again = installFusedLosses();
    expect(again).not.toBe(restore);
    restore = again;
  });

  it('refuses a tf.losses it cannot change, naming the function and leaving every one as it was', () => {
    const descriptor = Object.getOwnPropertyDescriptor(tf.losses, 'meanSquaredError') as PropertyDescriptor;
    Object.defineProperty(tf.losses, 'meanSquaredError', { ...descriptor, writable: false });
    try {
      expect(() => installFusedLosses()).toThrow('installFusedLosses: this build of tfjs does not let tf.losses.meanSquaredError be replaced; call losses.meanSquaredError of @mimo/core instead');
      expect(stockInPlace()).toEqual(ALL_STOCK);
    } finally {
      Object.defineProperty(tf.losses, 'meanSquaredError', descriptor);
    }
    restore = installFusedLosses();
    expect(tfLoss('meanSquaredError') === (STOCK_LOSSES.meanSquaredError as unknown)).toBe(false);
  });

  it('leaves in place a function someone else put in tf.losses after it', () => {
    restore = installFusedLosses();
    const theirs = (() => tf.scalar(0)) as unknown as AnyLoss;
    const target = tf.losses as unknown as Record<LossName, AnyLoss>;
    target.meanSquaredError = theirs;
    restore();
    const kept = tfLoss('meanSquaredError');
    target.meanSquaredError = STOCK_LOSSES.meanSquaredError as unknown as AnyLoss;
    expect([kept === theirs, tfLoss('sigmoidCrossEntropy') === (STOCK_LOSSES.sigmoidCrossEntropy as unknown)]).toEqual([true, true]);
  });
});
