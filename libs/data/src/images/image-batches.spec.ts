import * as tf from '@tensorflow/tfjs';
import * as path from 'path';
import { useTempDir, writeImage } from '../testing/fixtures';
import { imageBatches } from './image-batches';

const dir = useTempDir();

describe('imageBatches', () => {
  it('streams a set in batches of normalised [b, h, w, c] tensors, the last one short', async () => {
    const items = await Promise.all(
      [0, 1, 2, 3, 4].map(async (i) => ({ path: await writeImage(path.join(dir(), `${i}.png`), { width: 3, height: 2, rgb: [51 * i, 51 * i, 51 * i] }), label: `c${i % 2}` })),
    );
    const before = tf.memory().numTensors;
    const seen: { shape: number[]; first: number; labels: (string | undefined)[] }[] = [];
    for await (const batch of imageBatches(items, { batchSize: 2, height: 2, width: 3, channels: 1 })) {
      seen.push({ shape: batch.images.shape, first: batch.images.dataSync()[0], labels: batch.items.map((item) => item.label) });
      batch.images.dispose();
    }
    expect(seen.map((s) => s.shape)).toEqual([[2, 2, 3, 1], [2, 2, 3, 1], [1, 2, 3, 1]]);
    expect(seen.map((s) => Math.round(s.first * 255))).toEqual([0, 102, 204]);
    expect(seen.map((s) => s.labels)).toEqual([['c0', 'c1'], ['c0', 'c1'], ['c0']]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
