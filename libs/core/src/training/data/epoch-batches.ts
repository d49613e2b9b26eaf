import { ModelSpec } from '../../spec/model-spec';
import { randomFor, permutation } from '../random/derive-seed';
import { checkTrainingData } from './check-data';
import { inMemoryBatches } from './subset-data';
import { isStreaming, TrainingData, TrainingInput } from './training-data';

export interface EpochBatchOptions {
  batchSize: number;
  shuffle: boolean;
  seed: number;
}

/** Batches in one pass over in-memory data, or undefined for a stream that does not say. */
export function batchCount(data: TrainingInput, batchSize: number): number | undefined {
  if (isStreaming(data)) return data.batchesPerEpoch;
  return Math.ceil(Object.values(data.xs)[0].shape[0] / batchSize);
}

/**
 * The batches of epoch `epoch`: in-memory data in a seeded order (`deriveSeed(seed, 'shuffle', epoch)`, so a
 * resumed run repeats the order), streamed batches as the stream yields them, each checked against the spec.
 * Every batch is new tensors that the consumer disposes.
 */
export async function* epochBatches(spec: ModelSpec, data: TrainingInput, epoch: number, options: EpochBatchOptions): AsyncGenerator<TrainingData> {
  if (isStreaming(data)) {
    for await (const batch of data.batches(epoch)) {
      checkTrainingData(spec, batch);
      yield batch;
    }
    return;
  }
  const examples = Object.values(data.xs)[0].shape[0];
  const order = options.shuffle ? permutation(examples, randomFor(options.seed, 'shuffle', epoch)) : Array.from({ length: examples }, (_, i) => i);
  yield* inMemoryBatches(data, order, options.batchSize);
}
