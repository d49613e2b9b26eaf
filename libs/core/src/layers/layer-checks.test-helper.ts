// Shared helpers of the layer specs (not exported from the library).
import * as tf from '@tensorflow/tfjs';
import { modelArtifacts } from '../bundle/bundle';
import { registerMimoLayers } from '../model/layer-registry';

/** Saves a model to memory and loads it back (through tfjs's class registry, Mimo's layers registered). */
export async function saveAndLoad(model: tf.LayersModel): Promise<tf.LayersModel> {
  registerMimoLayers();
  return tf.loadLayersModel(tf.io.fromMemory(await modelArtifacts(model)));
}

/** Element-wise closeness of a tensor to another tensor or nested array. */
export function expectClose(actual: tf.Tensor, expected: tf.Tensor | number[] | number[][] | number[][][], tol = 1e-5): void {
  const want = expected instanceof tf.Tensor ? expected : tf.tensor(expected);
  expect(actual.shape).toEqual(want.shape);
  const a = actual.dataSync();
  const b = want.dataSync();
  if (!(expected instanceof tf.Tensor)) want.dispose();
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i] - b[i]) > tol) throw new Error(`element ${i}: ${a[i]} vs ${b[i]} (tol ${tol})\n${actual.toString()}`);
  }
}

/** Runs one SGD step on random targets; returns, per trainable weight, whether it changed. */
export async function trainStepChanges(model: tf.LayersModel, xs: tf.Tensor[]): Promise<Record<string, boolean>> {
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const before = model.trainableWeights.map((w) => w.read().dataSync().slice());
  const ys = model.predict(xs) as tf.Tensor;
  const target = tf.randomNormal(ys.shape, 0, 1, 'float32', 7);
  await model.trainOnBatch(xs, target);
  tf.dispose([ys, target]);
  const changed: Record<string, boolean> = {};
  model.trainableWeights.forEach((w, i) => {
    const after = w.read().dataSync();
    changed[w.name] = after.some((v, j) => Math.abs(v - before[i][j]) > 1e-9);
  });
  return changed;
}

/**
 * Tensors `fn` leaves behind besides the ones it returns, which are disposed. Counted outside tf.tidy: inside
 * it, tidy would dispose a leaked tensor before it could be counted.
 */
export function tensorsLeaked(fn: () => tf.TensorContainer): number {
  const before = tf.memory().numTensors;
  tf.dispose(fn());
  return tf.memory().numTensors - before;
}

/** Seeded values in [-0.6, 0.6), the same on every backend. */
export function seeded(shape: number[], seed: number): tf.Tensor {
  let state = seed;
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: size }, () => ((state = (state * 16807) % 2147483647) / 2147483647 - 0.5) * 1.2), shape);
}

/** Worst |a − e| / max(1, |e|) over arrays of values (lengths must agree). */
export function worstError(actual: number[][], expected: number[][]): number {
  expect(actual.map((a) => a.length)).toEqual(expected.map((e) => e.length));
  return Math.max(...expected.flatMap((values, k) => values.map((e, i) => Math.abs(actual[k][i] - e) / Math.max(1, Math.abs(e)))));
}

/** The names of the kernels `run` ran. */
export async function kernelsOf(run: () => tf.TensorContainer): Promise<Set<string>> {
  return new Set((await tf.profile(() => run() as tf.Tensor)).kernelNames);
}
