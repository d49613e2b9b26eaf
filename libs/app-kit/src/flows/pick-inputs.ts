import * as tf from '@tensorflow/tfjs';
import { ModelSpec, TensorMap, TrainingData } from '@mimo/core';

/** The spec's inputs out of a wider tensor map (data prepared for every input, a spec using a subset). */
export function pickInputs(xs: TensorMap, spec: ModelSpec): TensorMap {
  const missing = Object.keys(spec.inputs).filter((name) => !(name in xs));
  if (missing.length > 0) throw new Error(`the data have no input ${missing.map((m) => `'${m}'`).join(', ')} (they have: ${Object.keys(xs).join(', ')})`);
  return Object.fromEntries(Object.keys(spec.inputs).map((name) => [name, xs[name]]));
}

/** `pickInputs` for a whole split, heads picked the same way. */
export function pickData(data: TrainingData, spec: ModelSpec): TrainingData {
  const missing = Object.keys(spec.heads).filter((name) => !(name in data.ys));
  if (missing.length > 0) throw new Error(`the data have no head ${missing.map((m) => `'${m}'`).join(', ')} (they have: ${Object.keys(data.ys).join(', ')})`);
  return { xs: pickInputs(data.xs, spec), ys: Object.fromEntries(Object.keys(spec.heads).map((h) => [h, data.ys[h]])), sampleWeights: data.sampleWeights };
}

/** Number of examples in a split. */
export function exampleCount(data: TrainingData): number {
  return Object.values(data.xs)[0]?.shape[0] ?? 0;
}

/** Frees every tensor of the splits. */
export function disposeData(...splits: (TrainingData | undefined)[]): void {
  for (const split of splits) if (split) tf.dispose([...Object.values(split.xs), ...Object.values(split.ys)]);
}
