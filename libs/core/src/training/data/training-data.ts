import * as tf from '@tensorflow/tfjs';
import { TensorMap } from '../../synthetic/random-examples';

/** Per-example weights: one `[n]` tensor for every head, or one per head name. */
export type SampleWeights = tf.Tensor | Record<string, tf.Tensor>;

/**
 * In-memory examples, named after the spec end to end: `xs[inputName]` is `[n, …input shape]`, `ys[headName]`
 * is `[n, units]`; optional `sampleWeights` weight each example's loss (Keras `sample_weight`).
 */
export interface TrainingData {
  xs: TensorMap;
  ys: TensorMap;
  sampleWeights?: SampleWeights;
}

/**
 * Streaming examples: `batches(epoch)` yields the epoch's batches (shuffle them yourself). The trainer disposes
 * every tensor of a batch once its step is done. `batchesPerEpoch`, when known, gives the progress display
 * its ETA.
 */
export interface StreamingData {
  batches(epoch: number): AsyncIterable<TrainingData>;
  batchesPerEpoch?: number;
}

export type TrainingInput = TrainingData | StreamingData;

export function isStreaming(data: TrainingInput): data is StreamingData {
  return typeof (data as StreamingData).batches === 'function';
}

/** The per-example weight tensor of one head, if any. */
export function headSampleWeights(weights: SampleWeights | undefined, head: string): tf.Tensor | undefined {
  if (weights === undefined || weights instanceof tf.Tensor) return weights;
  return weights[head];
}

/** Every tensor a data object holds (to dispose a streamed batch or a gathered subset). */
export function dataTensors(data: TrainingData): tf.Tensor[] {
  const weights = data.sampleWeights === undefined ? [] : data.sampleWeights instanceof tf.Tensor ? [data.sampleWeights] : Object.values(data.sampleWeights);
  return [...Object.values(data.xs), ...Object.values(data.ys), ...weights];
}
