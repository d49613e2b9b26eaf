import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend, setStepGraphs } from '@mimo/backend-torch';
import { createTrainingOptimizer, FusedDense, FusedDropout, FusedLSTM, replayable } from '@mimo/core';

/**
 * A user's replayed training step on the active device (MIMO_DEVICE) with each way of replaying it
 * (MIMO_STEP_GRAPHS: `off`, call by call; `buffers`; `auto`, a CUDA graph on cuda where the build has them): an
 * MLP with dropout and an LSTM of Mimo's fused layers in `replayable` steps of Mimo's Adam on batches sliced from a larger tensor,
 * 40 steps each way from the same weights. Prints how the replays ran (`status.graph`), how far the losses and weights are from
 * the `off` run (‖a − b‖ / ‖b‖), and the time of a step (median of 5 repetitions of 100 steps, ± half the spread).
 * Exits 1 when a run disagrees beyond 1e-6, or when on cuda a build with CUDA graphs does not replay as one.
 * `npx tsx tools/gpu/src/step-graphs.ts`, or through tools/gpu/cuda-check.sh.
 */
const BATCH = 64;
const BATCHES = 8;
const CHECKED_STEPS = 40;
const TOLERANCE = 1e-6;
const MODES = ['off', 'buffers', 'auto'] as const;
type Mode = (typeof MODES)[number];

const status = registerTorchBackend();
if (!status.available) throw new Error(`the torch backend is not available: ${status.reason}`);
const { info } = status;

interface Run {
  losses: number[];
  weights: tf.Tensor[];
  graph: string;
  msPerStep: { median: number; halfSpread: number };
}

/** A model (logits out), the data its batches are sliced from, and its first weights. */
interface Problem {
  model: tf.Sequential;
  xs: tf.Tensor;
  ys: tf.Tensor;
  initial: tf.Tensor[];
}

/** An MLP 64→256→256→1 with dropout 0.2 after each hidden layer, or an LSTM(64) with sigmoid gates over 50 steps × 16 features → 1. */
function problem(name: 'mlp' | 'lstm'): Problem {
  const model = tf.sequential();
  if (name === 'mlp') {
    model.add(new FusedDense({ inputShape: [64], units: 256, activation: 'relu' }));
    model.add(new FusedDropout({ rate: 0.2 }));
    model.add(new FusedDense({ units: 256, activation: 'relu' }));
    model.add(new FusedDropout({ rate: 0.2 }));
  } else {
    model.add(new FusedLSTM({ inputShape: [50, 16], units: 64, recurrentActivation: 'sigmoid' }));
  }
  model.add(new FusedDense({ units: 1 }));
  const features = model.inputs[0].shape.slice(1) as number[];
  const xs = tf.randomNormal([BATCH * BATCHES, ...features], 0, 1, 'float32', 1);
  const ys = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([BATCH * BATCHES, 1], 0, 1, 'float32', 2), 0.5), 'float32'));
  return { model, xs, ys, initial: model.trainableWeights.map((w) => tf.clone(w.read())) };
}

/** Trains from the problem's first weights with replays in `mode`: the losses of the first steps, the weights after them, then timings. */
async function train({ model, xs, ys, initial }: Problem, mode: Mode): Promise<Run> {
  setStepGraphs(mode);
  const features = model.inputs[0].shape.slice(1) as number[];
  const optimizer = createTrainingOptimizer({ type: 'adam', learningRate: 1e-3 });
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  variables.forEach((v, i) => v.assign(initial[i]));
  // The same masks each way: every run starts its dropout layers from the same seeds.
  for (const [i, layer] of model.layers.entries()) if (layer instanceof FusedDropout) layer.reseed(i);
  const step = replayable((xb: tf.Tensor, yb: tf.Tensor) => {
    const { value, grads } = tf.variableGrads(() => tf.losses.sigmoidCrossEntropy(yb, model.apply(xb, { training: true }) as tf.Tensor) as tf.Scalar, variables);
    optimizer.applyGradients(variables, variables.map((v) => grads[v.name]));
    return value;
  });
  let count = 0;
  const runStep = () =>
    tf.tidy(() => {
      const start = (count++ % BATCHES) * BATCH;
      const xb = tf.slice(xs, [start, ...features.map(() => 0)], [BATCH, ...features]);
      const yb = tf.slice(ys, [start, 0], [BATCH, 1]);
      return step(xb, yb).dataSync()[0];
    });
  const losses = Array.from({ length: CHECKED_STEPS }, runStep);
  const graph = step.status.graph;
  const weights = variables.map((v) => tf.clone(v));
  const times = Array.from({ length: 5 }, () => {
    const start = performance.now();
    for (let i = 0; i < 100; i++) runStep();
    return (performance.now() - start) / 100;
  }).sort((a, b) => a - b);
  step.dispose();
  optimizer.dispose();
  return { losses, weights, graph: graph === undefined ? 'unknown' : `${graph.mode}${graph.reason ? ` (${graph.reason})` : ''}`, msPerStep: { median: times[2], halfSpread: (times[4] - times[0]) / 2 } };
}

/** ‖a − b‖ / ‖b‖ over every number of `a` against `b`. */
function relativeError(a: number[] | tf.Tensor[], b: number[] | tf.Tensor[]): number {
  return tf.tidy(() => {
    const flat = (values: number[] | tf.Tensor[]) => (typeof values[0] === 'number' ? tf.tensor1d(values as number[]) : tf.concat((values as tf.Tensor[]).map((t) => t.flatten())));
    const [x, y] = [flat(a), flat(b)];
    return tf.div(tf.norm(tf.sub(x, y)), tf.norm(y)).dataSync()[0];
  });
}

async function main(): Promise<void> {
  await tf.setBackend('torch');
  const { device, cudaGraphs, version } = info;
  console.log(`libtorch ${version}, device ${device}, CUDA graphs ${cudaGraphs ? 'built' : 'not built'}`);
  const failures: string[] = [];
  for (const name of ['mlp', 'lstm'] as const) {
    const trained = problem(name);
    const runs = new Map<Mode, Run>();
    for (const mode of MODES) runs.set(mode, await train(trained, mode));
    const off = runs.get('off') as Run;
    for (const [mode, run] of runs) {
      const lossError = relativeError(run.losses, off.losses);
      const weightError = relativeError(run.weights, off.weights);
      const { median, halfSpread } = run.msPerStep;
      console.log(`${name} ${mode}: replays ${run.graph}; losses ${lossError.toExponential(1)}, weights ${weightError.toExponential(1)} from off; ${median.toFixed(3)} ± ${halfSpread.toFixed(3)} ms a step`);
      if (!(lossError <= TOLERANCE && weightError <= TOLERANCE)) failures.push(`${name} ${mode} disagrees with off`);
    }
    const auto = runs.get('auto') as Run;
    if (device.startsWith('cuda') && cudaGraphs && !auto.graph.startsWith('graph')) failures.push(`${name} auto replays ${auto.graph}, not as a CUDA graph`);
    if (auto.graph.startsWith('graph')) console.log(`${name}: a step as a CUDA graph takes ${(auto.msPerStep.median / off.msPerStep.median).toFixed(2)}× the time of one call by call`);
    runs.forEach((run) => tf.dispose(run.weights));
    trained.model.dispose();
    tf.dispose([trained.xs, trained.ys, ...trained.initial]);
  }
  setStepGraphs('auto');
  if (failures.length > 0) {
    console.error(`failed: ${failures.join('; ')}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
