import * as tf from '@tensorflow/tfjs';
import { batchCount, shardOf } from './epoch-batches';

describe('shardOf (DistributedSampler semantics)', () => {
  it('gives every rank every worldSize-th example, padding with the first ones so all shards are the same size', () => {
    const order = [5, 3, 9, 0, 7, 1, 8];
    expect(shardOf(order, { rank: 0, worldSize: 2 })).toEqual([5, 9, 7, 8]);
    expect(shardOf(order, { rank: 1, worldSize: 2 })).toEqual([3, 0, 1, 5]);
    expect(shardOf(order, { rank: 2, worldSize: 3 })).toEqual([9, 1, 3]);
  });

  it('covers every example once when the world size divides them, and wraps around when there are fewer examples than ranks', () => {
    const order = Array.from({ length: 12 }, (_, i) => i);
    const shards = [0, 1, 2].map((rank) => shardOf(order, { rank, worldSize: 3 }));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(order);
    expect([0, 1, 2, 3].map((rank) => shardOf([4, 6], { rank, worldSize: 4 }))).toEqual([[4], [6], [4], [6]]);
  });

  it('counts the batches of one shard, the same on every rank', () => {
    const data = { xs: { x: tf.zeros([11, 2]) }, ys: { y: tf.zeros([11, 1]) } };
    expect(batchCount(data, 2)).toBe(6);
    expect(batchCount(data, 2, { rank: 1, worldSize: 2 })).toBe(3);
    expect(batchCount(data, 4, { rank: 0, worldSize: 3 })).toBe(1);
    tf.dispose([data.xs.x, data.ys.y]);
  });
});
