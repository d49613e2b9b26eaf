import * as tf from '@tensorflow/tfjs';
import { DENSE_KERNELS } from '@mimo/kernels';
import { FusedDense, FusedDenseArgs, hasDenseKernels } from './fused-dense';
import { kernelsOf, saveAndLoad, seeded, worstError } from './layer-checks.test-helper';

/** x → Dense(5, hidden) → Dense(3, output), stock or fused, weights seeded; `steps` makes the input rank 3. */
function buildModel(fused: boolean, hidden: string, output: string, steps?: number): tf.LayersModel {
  const input = tf.input({ shape: steps === undefined ? [4] : [steps, 4] });
  const layer = (args: FusedDenseArgs) => (fused ? new FusedDense(args) : tf.layers.dense(args));
  const h = layer({ units: 5, activation: hidden as 'relu' }).apply(input) as tf.SymbolicTensor;
  const y = layer({ units: 3, activation: output as 'linear', useBias: false }).apply(h) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: y });
  model.setWeights(model.weights.map((w, i) => seeded(w.shape as number[], 11 + i)));
  return model;
}

/** The outputs, and the gradients of Σ output·seeded weights for x and every weight. */
function outputsAndGradients(model: tf.LayersModel, xShape: number[]): number[][] {
  return tf.tidy(() => {
    const x = tf.variable(seeded(xShape, 7));
    const variables = [x, ...model.trainableWeights.map((w) => w.read() as tf.Variable)];
    let output: number[] = [];
    const { grads } = tf.variableGrads(() => {
      const y = model.apply(x, { training: true }) as tf.Tensor;
      output = Array.from(y.dataSync());
      return tf.sum(tf.mul(y, seeded(y.shape, 101))) as tf.Scalar;
    }, variables);
    const result = [output, ...variables.map((v) => Array.from(grads[v.name].dataSync()))];
    x.dispose();
    return result;
  });
}

describe('FusedDense', () => {
  let backend: string;
  beforeAll(() => {
    backend = tf.getBackend();
  });
  afterEach(() => tf.setBackend(backend));

  it.each([
    ['relu', 'linear', undefined],
    ['tanh', 'sigmoid', undefined],
    ['relu', 'linear', 6],
    ['elu', 'softmax', undefined],
  ] as const)('hidden %s, output %s, steps %s: outputs and gradients equal stock tfjs-layers on cpu within 1e-5', async (hidden, output, steps) => {
    const xShape = steps === undefined ? [7, 4] : [2, steps, 4];
    await tf.setBackend('cpu');
    const stock = buildModel(false, hidden, output, steps);
    const expected = outputsAndGradients(stock, xShape);
    stock.dispose();

    await tf.setBackend(backend);
    const model = buildModel(true, hidden, output, steps);
    const before = tf.memory().numTensors;
    const actual = outputsAndGradients(model, xShape);
    expect(tf.memory().numTensors).toBe(before);
    expect(worstError(actual, expected)).toBeLessThanOrEqual(1e-5);
    model.dispose();
  });

  it('runs as one kernel forward and one backward where the backend has them, the stock layer elsewhere and for other activations', async () => {
    for (const name of ['cpu', backend]) {
      await tf.setBackend(name);
      for (const hidden of ['relu', 'elu']) {
        const model = buildModel(true, hidden, 'linear');
        const x = seeded([7, 4], 7);
        const kernels = await kernelsOf(() => {
          const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
          return tf.variableGrads(() => tf.sum(model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, weights).grads;
        });
        // With elu only the linear output layer is fused.
        const fused = hasDenseKernels();
        expect([name, hidden, kernels.has(DENSE_KERNELS.forward), kernels.has(DENSE_KERNELS.backward), kernels.has('Elu')]).toEqual([
          name,
          hidden,
          fused,
          fused,
          hidden === 'elu',
        ]);
        tf.dispose(x);
        model.dispose();
      }
    }
    // The torch backend registers them.
    if (backend === 'torch') expect(hasDenseKernels()).toBe(true);
  });

  describe('input gradients', () => {
    /** Σ model(x)·seeded weights, the loss every case below differentiates. */
    const loss = (model: tf.LayersModel, x: tf.Tensor) => {
      const y = model.apply(x, { training: true }) as tf.Tensor;
      return tf.sum(tf.mul(y, seeded(y.shape, 101))) as tf.Scalar;
    };
    /** Gradients of the weights (x a plain tensor, as a batch is), then of x alone through tf.grad. */
    const gradients = (model: tf.LayersModel, x: tf.Tensor) =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => loss(model, x), model.trainableWeights.map((w) => w.read() as tf.Variable));
        const dx = tf.grad((input: tf.Tensor) => loss(model, input))(x);
        return [...Object.values(grads), dx].map((g) => Array.from(g.dataSync()));
      });

    it('of a model input: weights and x (asked for through tf.grad) equal stock tfjs-layers on cpu within 1e-5, nothing leaked', async () => {
      await tf.setBackend('cpu');
      const stock = buildModel(false, 'relu', 'linear');
      const x = seeded([7, 4], 7);
      const expected = gradients(stock, x);
      stock.dispose();
      tf.dispose(x);

      await tf.setBackend(backend);
      const model = buildModel(true, 'relu', 'linear');
      const input = seeded([7, 4], 7);
      const before = tf.memory().numTensors;
      const actual = gradients(model, input);
      expect(tf.memory().numTensors).toBe(before);
      expect(worstError(actual, expected)).toBeLessThanOrEqual(1e-5);
      tf.dispose(input);
      model.dispose();
    });

    it('a layer on a model input computes no dx unless asked, one on a layer computes it in the same call', async () => {
      await tf.setBackend(backend);
      // A backend without the kernels runs tfjs-layers' own Dense: no backward kernel calls at all.
      const expectedOn = (calls: number[][][]) => (hasDenseKernels() ? calls : []);
      const model = buildModel(true, 'relu', 'linear');
      const x = seeded([7, 4], 7);
      const backwardOutputs = async (run: () => tf.TensorContainer) =>
        (await tf.profile(() => run() as tf.Tensor)).kernels.filter((k) => k.name === DENSE_KERNELS.backward).map((k) => k.outputShapes);
      const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
      // Backward in reverse: the output layer (no bias) gives dx and dKernel; the hidden one on x only dKernel, dBias.
      expect(await backwardOutputs(() => tf.variableGrads(() => loss(model, x), weights).grads)).toEqual(
        expectedOn([
          [[7, 5], [5, 3]],
          [[4, 5], [5]],
        ]),
      );
      // Asked for dx of x after all: the hidden layer's call without it, then one with it.
      expect(await backwardOutputs(() => tf.grad((input: tf.Tensor) => loss(model, input))(x))).toEqual(
        expectedOn([
          [[7, 5], [5, 3]],
          [[4, 5], [5]],
          [[7, 4], [4, 5], [5]],
        ]),
      );
      tf.dispose(x);
      model.dispose();
    });
  });

  it("has the stock config and className, and a save on this backend loads on cpu with the same outputs", async () => {
    const unnamed = (config: tf.serialization.ConfigDict) => JSON.stringify({ ...config, name: undefined });
    const args = { units: 3, activation: 'tanh', useBias: false } as const;
    expect(unnamed(new FusedDense(args).getConfig())).toEqual(unnamed(tf.layers.dense(args).getConfig()));
    expect(FusedDense.className).toBe('Dense');

    const model = buildModel(true, 'relu', 'sigmoid');
    const x = seeded([7, 4], 7);
    const expected = Array.from((model.predict(x) as tf.Tensor).dataSync());
    await tf.setBackend('cpu');
    const loaded = await saveAndLoad(model);
    expect(loaded.layers.filter((l) => l.getClassName() === 'Dense').map((l) => l instanceof FusedDense)).toEqual([true, true]);
    const actual = Array.from((loaded.predict(tf.tensor(Array.from(x.dataSync()), x.shape)) as tf.Tensor).dataSync());
    expect(worstError([actual], [expected])).toBeLessThanOrEqual(1e-6);
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });
});
