import * as tf from '@tensorflow/tfjs';
import { TensorMap } from '../../synthetic/random-examples';
import { TrainingData } from './training-data';

function gatherMap(tensors: TensorMap, indices: tf.Tensor1D): TensorMap {
  return Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, tf.gather(t, indices)]));
}

/** The examples at `indices` (in that order, repeats allowed), as new tensors the caller disposes. */
export function subsetData(data: TrainingData, indices: readonly number[]): TrainingData {
  const at = tf.tensor1d(Array.from(indices), 'int32');
  try {
    const subset: TrainingData = { xs: gatherMap(data.xs, at), ys: gatherMap(data.ys, at) };
    if (data.sampleWeights instanceof tf.Tensor) subset.sampleWeights = tf.gather(data.sampleWeights, at);
    else if (data.sampleWeights) subset.sampleWeights = gatherMap(data.sampleWeights, at);
    return subset;
  } finally {
    at.dispose();
  }
}

/** Splits off the last `fraction` of the examples for validation, before any shuffling (as Keras does). */
export function splitValidation(data: TrainingData, examples: number, fraction: number): { train: TrainingData; validation: TrainingData } {
  const validationSize = Math.floor(examples * fraction);
  if (validationSize < 1 || validationSize >= examples) {
    throw new Error(`validationSplit ${fraction} of ${examples} examples leaves ${validationSize} for validation and ${examples - validationSize} for training; both need at least one`);
  }
  const trainSize = examples - validationSize;
  return {
    train: subsetData(data, Array.from({ length: trainSize }, (_, i) => i)),
    validation: subsetData(data, Array.from({ length: validationSize }, (_, i) => trainSize + i)),
  };
}

/** The batches of one epoch over in-memory data in the given example order; the caller disposes each batch. */
export function* inMemoryBatches(data: TrainingData, order: readonly number[], batchSize: number): Generator<TrainingData> {
  for (let start = 0; start < order.length; start += batchSize) yield subsetData(data, order.slice(start, start + batchSize));
}
