import { ModelSpec } from '../../spec/model-spec';
import { randomFor, permutation } from '../random/derive-seed';
import { checkTrainingData } from './check-data';
import { inMemoryBatches } from './subset-data';
import { isStreaming, TrainingData, TrainingInput } from './training-data';

/** This process's part of every epoch in data-parallel training. */
export interface Shard {
  rank: number;
  worldSize: number;
}

export interface EpochBatchOptions {
  batchSize: number;
  shuffle: boolean;
  seed: number;
  /** Take only this rank's share of each epoch's order (DistributedSampler's semantics). */
  shard?: Shard;
}

/** Batches in one pass over in-memory data (of one rank's shard), or undefined for a stream that does not say. */
export function batchCount(data: TrainingInput, batchSize: number, shard?: Shard): number | undefined {
  if (isStreaming(data)) return data.batchesPerEpoch;
  const examples = Object.values(data.xs)[0].shape[0];
  return Math.ceil((shard ? Math.ceil(examples / shard.worldSize) : examples) / batchSize);
}

/**
 * Rank `rank`'s share of an epoch's example order, as torch's DistributedSampler takes it: the order is padded
 * by repeating it from the start to a multiple of the world size, then every rank takes each worldSize-th
 * position from its rank on. Every rank gets the same number of examples, so every rank takes the same number
 * of steps and none waits for a collective that never comes.
 */
export function shardOf(order: readonly number[], { rank, worldSize }: Shard): number[] {
  const perRank = Math.ceil(order.length / worldSize);
  return Array.from({ length: perRank }, (_, i) => order[(i * worldSize + rank) % order.length]);
}

/**
 * The batches of epoch `epoch`: in-memory data in a seeded order (`deriveSeed(seed, 'shuffle', epoch)`, so a
 * resumed run repeats the order; every rank of a data-parallel run draws the same order and takes its shard),
 * streamed batches as the stream yields them, each checked against the spec.
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
  yield* inMemoryBatches(data, options.shard ? shardOf(order, options.shard) : order, options.batchSize);
}
