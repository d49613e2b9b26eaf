import * as tf from '@tensorflow/tfjs';
import { invalidateRecordedSteps, RECURRENT_SEQUENCE_KERNELS, replayable, ReplayableStep, ReplayStatus } from '@mimo/kernels';
import { registerTorchBackend, setStepGraphs } from './register-torch';
import { TorchBackend } from './torch-backend';

const status = registerTorchBackend();

/** A two-layer network, its weights made from a seed so that two copies start equal. */
function network() {
  const w1 = tf.variable(tf.randomNormal([8, 16], 0, 0.3, 'float32', 1));
  const b1 = tf.variable(tf.zeros([16]));
  const w2 = tf.variable(tf.randomNormal([16, 1], 0, 0.3, 'float32', 2));
  const weights = [w1, b1, w2];
  const logits = (x: tf.Tensor) => tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2);
  return { weights, logits };
}

const data = () => ({ xs: tf.randomNormal([96, 8], 0, 1, 'float32', 3), ys: tf.tidy(() => tf.cast(tf.greater(tf.randomNormal([96, 1], 0, 1, 'float32', 4), 0), 'float32')) });

/** A user's training step: sigmoid cross-entropy, gradients, tfjs's Adam; the loss returned. */
function userStep(optimizer: tf.Optimizer, net: ReturnType<typeof network>) {
  return (xb: tf.Tensor, yb: tf.Tensor) => optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(yb, net.logits(xb)) as tf.Scalar, true, net.weights) as tf.Scalar;
}

/** `steps` steps of `run` over batches of 32 sliced from `xs`, `ys` (the last one 0 rows short when it fits); → the losses. */
function train(run: (xb: tf.Tensor, yb: tf.Tensor) => tf.Scalar, xs: tf.Tensor, ys: tf.Tensor, steps: number, batch = 32): number[] {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const start = (i * batch) % xs.shape[0];
    const size = Math.min(batch, xs.shape[0] - start);
    const xb = tf.slice(xs, [start, 0], [size, -1]);
    const yb = tf.slice(ys, [start, 0], [size, -1]);
    const loss = run(xb, yb);
    losses.push(loss.dataSync()[0]);
    tf.dispose([xb, yb, loss]);
  }
  return losses;
}

/** `steps` calls of a replayable step as `train` makes them; → the losses and the step's status after each call. */
function trainReplayed(step: ReplayableStep<[tf.Tensor, tf.Tensor], tf.Scalar>, xs: tf.Tensor, ys: tf.Tensor, steps: number) {
  const statuses: ReplayStatus[] = [];
  const losses = train((xb, yb) => {
    const loss = step(xb, yb);
    statuses.push(step.status);
    return loss;
  }, xs, ys, steps);
  return { losses, statuses };
}

(status.available ? describe : describe.skip)('replayable (whole-step replay on the torch backend)', () => {
  beforeAll(() => tf.setBackend('torch'));
  afterAll(() => tf.setBackend('cpu'));

  it('replays a training step with exactly the losses, gradients and weights of the plain step', () => {
    const { xs, ys } = data();
    const plain = network();
    const plainLosses = train(userStep(tf.train.adam(0.01), plain), xs, ys, 12);
    const replayed = network();
    const step = replayable(userStep(tf.train.adam(0.01), replayed));
    const { losses: replayedLosses, statuses } = trainReplayed(step, xs, ys, 12);
    const modes = statuses.map((s) => s.mode);

    expect(modes.slice(0, 3)).toEqual(['eager', 'recording', 'recording']);
    expect(modes.slice(3)).toEqual(Array(9).fill('replay'));
    expect(step.status.nativeCalls).toBeGreaterThan(10);
    expect(replayedLosses).toEqual(plainLosses);
    replayed.weights.forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(plain.weights[i].dataSync())));
    step.dispose();
    tf.dispose([xs, ys, ...plain.weights, ...replayed.weights]);
  });

  it('says why its replays on the cpu are no CUDA graph', () => {
    const { xs, ys } = data();
    const net = network();
    const step = replayable(userStep(tf.train.adam(0.01), net));
    train(step, xs, ys, 5);
    expect(step.status.graph).toEqual({ mode: 'calls', reason: 'it runs on cpu, not cuda' });
    step.dispose();
    expect(step.status.graph).toBeUndefined();
    tf.dispose([xs, ys, ...net.weights]);
  });

  it('replays a step that returns nothing once per call: the update alone, applied as often as called', () => {
    const w = tf.variable(tf.zeros([3]));
    const count = tf.variable(tf.scalar(0, 'int32'));
    const step = replayable((g: tf.Tensor) => {
      w.assign(tf.add(w, g));
      count.assign(tf.add(count, tf.scalar(1, 'int32')));
    });
    const g = tf.tensor1d([1, 2, 3]);
    for (let i = 0; i < 6; i++) step(g);
    expect(step.status.mode).toBe('replay');
    expect(count.dataSync()[0]).toBe(6);
    expect(Array.from(w.dataSync())).toEqual([6, 12, 18]);
    step.dispose();
    tf.dispose([w, count, g]);
  });

  it("replays a convolution's training step, whose native gradient calls leave some results undefined", () => {
    const x = tf.randomNormal([4, 8, 8, 3], 0, 1, 'float32', 8);
    const y = tf.randomNormal([4, 1], 0, 1, 'float32', 9);
    const weights = () => [tf.variable(tf.randomNormal([3, 3, 3, 4], 0, 0.3, 'float32', 10)), tf.variable(tf.randomNormal([64, 1], 0, 0.3, 'float32', 11))];
    const convStep = ([filter, dense]: tf.Variable[], optimizer: tf.Optimizer) => () =>
      optimizer.minimize(() => {
        const features = tf.maxPool(tf.relu(tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same')), 2, 2, 'valid');
        return tf.losses.meanSquaredError(y, tf.matMul(tf.reshape(features, [4, -1]), dense)) as tf.Scalar;
      }, true, [filter, dense]) as tf.Scalar;
    const [plain, replayed] = [weights(), weights()];
    const run = (step: () => tf.Scalar) => Array.from({ length: 6 }, () => tf.tidy(() => step().dataSync()[0]));
    const plainLosses = run(convStep(plain, tf.train.adam(0.01)));
    const step = replayable(convStep(replayed, tf.train.adam(0.01)));
    expect(run(step)).toEqual(plainLosses);
    expect(step.status).toMatchObject({ mode: 'replay', graph: { mode: 'calls', reason: 'it runs on cpu, not cuda' } });
    replayed.forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(plain[i].dataSync())));
    step.dispose();
    tf.dispose([x, y, ...plain, ...replayed]);
  });

  it('gives the gradients of the plain step when it returns them', () => {
    const { xs, ys } = data();
    const net = network();
    const gradients = (xb: tf.Tensor, yb: tf.Tensor) => tf.variableGrads(() => tf.losses.meanSquaredError(yb, net.logits(xb)) as tf.Scalar, net.weights).grads;
    const step = replayable(gradients);
    const xb = xs.slice([0, 0], [32, -1]);
    const yb = ys.slice([0, 0], [32, -1]);
    for (let i = 0; i < 4; i++) tf.dispose(step(xb, yb));
    expect(step.status.mode).toBe('replay');
    const expected = gradients(xb, yb);
    const actual = step(xb, yb);
    for (const name of Object.keys(expected)) expect(Array.from(actual[name].dataSync())).toEqual(Array.from(expected[name].dataSync()));
    step.dispose();
    tf.dispose([xs, ys, xb, yb, ...net.weights, expected, actual]);
  });

  it.each([
    ['an LSTM', 'lstm', 4, {}],
    ['a reset-after GRU', 'gru', 3, { resetAfter: true }],
  ] as const)("replays %s step on libtorch's at::%s (cuda's path) with the plain step's results, keeping no graph of past steps", (_, cell, gates, cellAttrs) => {
    const kernel = () => tf.variable(tf.randomNormal([4, 3 * gates], 0, 0.4, 'float32', 5));
    const recurrentKernel = () => tf.variable(tf.randomNormal([3, 3 * gates], 0, 0.4, 'float32', 6));
    const { forward, backward } = RECURRENT_SEQUENCE_KERNELS[cell];
    // Forward, backward, and a plain gradient step on both kernels; the sum of the states is the loss.
    const recurrentStep = (weights: tf.Variable[]) => (x: tf.Tensor) => {
      const [k, r] = weights;
      const inputs = { x, kernel: k, recurrentKernel: r, initialH: tf.zeros([2, 3]), ...(cell === 'lstm' ? { initialC: tf.zeros([2, 3]) } : {}) };
      const attrs = { recurrentActivation: 'sigmoid', libtorchRnn: true, ...cellAttrs };
      const [states] = tf.engine().runKernel(forward, inputs, attrs) as unknown as tf.Tensor[];
      const [, dKernel, dRecurrentKernel] = tf.engine().runKernel(backward, { ...inputs, states, dStates: tf.onesLike(states) }, attrs) as unknown as tf.Tensor[];
      k.assign(tf.sub(k, tf.mul(dKernel, 0.1)));
      r.assign(tf.sub(r, tf.mul(dRecurrentKernel, 0.1)));
      return tf.sum(states) as tf.Scalar;
    };
    const x = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 7);
    const plain = [kernel(), recurrentKernel()];
    const replayed = [kernel(), recurrentKernel()];
    const run = (step: (x: tf.Tensor) => tf.Scalar) => Array.from({ length: 8 }, () => tf.tidy(() => step(x).dataSync()[0]));
    const plainLosses = run(recurrentStep(plain));
    const step = replayable(recurrentStep(replayed));
    expect(run(step)).toEqual(plainLosses);
    expect(step.status.mode).toBe('replay');
    replayed.forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(plain[i].dataSync())));
    expect((tf.backend() as TorchBackend).memory().numRnnGraphs).toBe(0);
    step.dispose();
    tf.dispose([x, ...plain, ...replayed]);
  });

  it("replays an LSTM step whose mask moves it between at::lstm and Mimo's passes, with the plain step's results", () => {
    // Padding at the end runs libtorch's at::lstm, a hole Mimo's own passes; a step is recorded on the one and
    // replayed on both. The states' gradient is padded to their width, as a layer's slice gradient is.
    const padded = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]);
    const holed = tf.tensor2d([[1, 1, 0, 1, 1], [1, 1, 1, 0, 0]]);
    const masks = Array.from({ length: 10 }, (_, i) => (i < 4 || i % 2 === 0 ? padded : holed));
    const lstmStep = (weights: tf.Variable[]) => (x: tf.Tensor, mask: tf.Tensor) => {
      const [k, r] = weights;
      const inputs = { x, mask, kernel: k, recurrentKernel: r, initialH: tf.zeros([2, 3]), initialC: tf.zeros([2, 3]) };
      const attrs = { recurrentActivation: 'sigmoid', libtorchRnn: true };
      const [states] = tf.engine().runKernel(RECURRENT_SEQUENCE_KERNELS.lstm.forward, inputs, attrs) as unknown as tf.Tensor[];
      const h = tf.slice(states, [0, 0, 0], [-1, -1, 3]);
      const dStates = tf.pad(tf.onesLike(h), [[0, 0], [0, 0], [0, (states.shape[2] as number) - 3]]);
      const [, dKernel, dRecurrentKernel] = tf.engine().runKernel(RECURRENT_SEQUENCE_KERNELS.lstm.backward, { ...inputs, states, dStates }, attrs) as unknown as tf.Tensor[];
      k.assign(tf.sub(k, tf.mul(dKernel, 0.1)));
      r.assign(tf.sub(r, tf.mul(dRecurrentKernel, 0.1)));
      return tf.sum(h) as tf.Scalar;
    };
    const weights = () => [tf.variable(tf.randomNormal([4, 12], 0, 0.4, 'float32', 5)), tf.variable(tf.randomNormal([3, 12], 0, 0.4, 'float32', 6))];
    const x = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 7);
    const [plain, replayed] = [weights(), weights()];
    const run = (step: (x: tf.Tensor, mask: tf.Tensor) => tf.Scalar) => masks.map((mask) => tf.tidy(() => step(x, mask).dataSync()[0]));
    const plainLosses = run(lstmStep(plain));
    const step = replayable(lstmStep(replayed));
    expect(run(step)).toEqual(plainLosses);
    expect(step.status.mode).toBe('replay');
    replayed.forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(plain[i].dataSync())));
    step.dispose();
    tf.dispose([x, padded, holed, ...plain, ...replayed]);
  });

  it('keeps a plan per argument shape, and replays without leaking tfjs or native tensors', () => {
    const { xs, ys } = data();
    const net = network();
    const step: ReplayableStep<[tf.Tensor, tf.Tensor], tf.Scalar> = replayable(userStep(tf.train.sgd(0.1), net));
    // 96 rows in batches of 40: 40, 40, 16, 40, 40, 16, …: two shapes, each replayed from its fourth call.
    train(step, xs, ys, 12, 40);
    const backend = tf.backend() as TorchBackend;
    const before = { tensors: tf.memory().numTensors, native: backend.memory().numTorchTensors };
    train(step, xs, ys, 9, 40);
    expect(step.status.mode).toBe('replay');
    expect({ tensors: tf.memory().numTensors, native: backend.memory().numTorchTensors }).toEqual(before);
    step.dispose();
    tf.dispose([xs, ys, ...net.weights]);
  });

  it('stays eager, saying why, when a JavaScript number changes between calls', () => {
    const { xs, ys } = data();
    const net = network();
    let call = 0;
    const step = replayable((xb: tf.Tensor, yb: tf.Tensor) => tf.mul(tf.losses.meanSquaredError(yb, net.logits(xb)), ++call) as tf.Scalar);
    train(step, xs, ys, 8);
    expect(step.status).toMatchObject({ mode: 'eager', reason: expect.stringContaining('two recordings of the step differ') });
    expect(step.status.reason).toMatch(/changed/);
    step.dispose();
    tf.dispose([xs, ys, ...net.weights]);
  });

  it('stays eager when the step keeps a tensor alive, and records anew when recorded steps are invalidated', () => {
    const { xs, ys } = data();
    const net = network();
    const kept: tf.Tensor[] = [];
    const keeping = replayable((xb: tf.Tensor, yb: tf.Tensor) => {
      kept.push(tf.keep(net.logits(xb)));
      return tf.losses.meanSquaredError(yb, kept[kept.length - 1]) as tf.Scalar;
    });
    train(keeping, xs, ys, 4);
    expect(keeping.status).toMatchObject({ mode: 'eager', reason: expect.stringContaining('keeps 1 tensor') });

    const sgd = tf.train.sgd(0.1);
    const step = replayable(userStep(sgd, net));
    train(step, xs, ys, 5);
    expect(step.status.mode).toBe('replay');
    invalidateRecordedSteps();
    train(step, xs, ys, 1);
    expect(step.status.mode).toBe('eager');
    train(step, xs, ys, 3);
    expect(step.status.mode).toBe('replay');
    step.dispose();
    keeping.dispose();
    tf.dispose([xs, ys, ...net.weights, ...kept]);
  });

  it('refuses a result that is not tensors, naming what it got', () => {
    expect(() => replayable(() => 3 as unknown as tf.Tensor)()).toThrow('a replayable step returns nothing, a tensor, a list of tensors or tensors by name; it returned number');
    const x = tf.scalar(1);
    expect(() => replayable(() => [x, 'loss'] as unknown as tf.Tensor[])()).toThrow("a replayable step returns tensors only; its result's element 1 is string");
    x.dispose();
  });

  it('runs the step as it is on another backend, and inside a gradient', async () => {
    const f = replayable((x: tf.Tensor) => tf.square(x));
    const x = tf.tensor1d([1, 2, 3]);
    const dx = tf.grad((t: tf.Tensor) => tf.sum(f(t)))(x);
    expect(Array.from(dx.dataSync())).toEqual([2, 4, 6]);
    expect(f.status).toMatchObject({ mode: 'eager', reason: 'called inside a gradient' });
    await tf.setBackend('cpu');
    const y = f(tf.tensor1d([3]));
    expect(Array.from(y.dataSync())).toEqual([9]);
    expect(f.status.reason).toBe('backend cpu does not replay steps');
    await tf.setBackend('torch');
    tf.dispose([x, dx, y]);
  });
});

// What a CUDA graph needs besides the graph itself: buffers of its own for the step's inputs and results, copied in and
// out each replay. MIMO_STEP_GRAPHS=buffers runs them on any device, calling the kernels where a graph would launch them.
(status.available ? describe : describe.skip)('replayable through the buffers a CUDA graph keeps (stepGraphs: buffers)', () => {
  beforeAll(async () => {
    await tf.setBackend('torch');
    setStepGraphs('buffers');
  });
  afterAll(() => {
    setStepGraphs('auto');
    tf.setBackend('cpu');
  });

  it("replays a training step with exactly the plain step's losses and weights, through the buffers", () => {
    const { xs, ys } = data();
    const plain = network();
    setStepGraphs('auto');
    const plainLosses = train(userStep(tf.train.adam(0.01), plain), xs, ys, 12);
    setStepGraphs('buffers');
    const replayed = network();
    const step = replayable(userStep(tf.train.adam(0.01), replayed));
    const { losses: replayedLosses, statuses } = trainReplayed(step, xs, ys, 12);
    const graphs = statuses.map((s) => s.graph);
    expect(graphs.slice(3)).toEqual(Array(9).fill({ mode: 'buffers' }));
    expect(replayedLosses).toEqual(plainLosses);
    replayed.weights.forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(plain.weights[i].dataSync())));
    step.dispose();
    tf.dispose([xs, ys, ...plain.weights, ...replayed.weights]);
  });

  it('hands out results of their own: a loss kept from one replay keeps its value after the next', () => {
    const w = tf.variable(tf.zeros([3]));
    const step = replayable((g: tf.Tensor) => {
      w.assign(tf.add(w, g));
      return tf.sum(w);
    });
    const g = tf.tensor1d([1, 2, 3]);
    const sums = Array.from({ length: 6 }, () => step(g));
    expect(step.status.graph).toEqual({ mode: 'buffers' });
    expect(sums.map((sum) => sum.dataSync()[0])).toEqual([6, 12, 18, 24, 30, 36]);
    step.dispose();
    tf.dispose([w, g, ...sums]);
  });
});
