import * as tf from '@tensorflow/tfjs';
import { TrainingData } from '@mimo/core';

/** A model's outputs on a split, by head name: one row of values per example (inference mode, batches of 256). */
export function headOutputs(model: tf.LayersModel, data: TrainingData): Record<string, number[][]> {
  const outputs = tf.tidy(() => {
    const out = model.predict(model.inputNames.map((name) => data.xs[name]), { batchSize: 256 });
    return (Array.isArray(out) ? out : [out]).map((t) => t.arraySync() as number[][]);
  });
  return Object.fromEntries(model.outputNames.map((name, i) => [name.split('/')[0], outputs[i]]));
}

/** A split's targets, by head name: one row per example. */
export function headTargets(data: TrainingData): Record<string, number[][]> {
  return Object.fromEntries(Object.entries(data.ys).map(([head, y]) => [head, y.arraySync() as number[][]]));
}
