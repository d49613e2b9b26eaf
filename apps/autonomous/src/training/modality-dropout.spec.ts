import * as tf from '@tensorflow/tfjs';
import { SeededRandom, TrainingData } from '@mimo/core';
import { dropPlan, modalityDropout, withoutInput, zeroExamples } from './modality-dropout';

function sums(x: tf.Tensor, axes: number[]): number[] {
  const sum = x.sum(axes);
  const values = sum.arraySync() as number[];
  sum.dispose();
  return values;
}

async function collect(data: ReturnType<typeof modalityDropout>, epoch: number): Promise<TrainingData[]> {
  const batches: TrainingData[] = [];
  for await (const batch of data.batches(epoch)) batches.push(batch);
  return batches;
}

describe('modality dropout', () => {
  it('drops one of the inputs of about `rate` of the examples, never both', () => {
    const plan = dropPlan(10000, 2, 0.3, new SeededRandom(1));
    const dropped = plan.filter((p) => p !== -1).length / plan.length;
    expect(dropped).toBeGreaterThan(0.28);
    expect(dropped).toBeLessThan(0.32);
    expect(plan.filter((p) => p === 0).length / plan.filter((p) => p === 1).length).toBeCloseTo(1, 1);
    expect(dropPlan(5, 2, 0, new SeededRandom(1))).toEqual([-1, -1, -1, -1, -1]);
  });

  it('zeroes whole examples of any rank', () => {
    const x = tf.ones([3, 2, 2, 1]);
    expect(zeroExamples(x, [1, 0, 1]).sum([1, 2, 3]).arraySync()).toEqual([4, 0, 4]);
    x.dispose();
  });

  it('streams every example once per epoch, seeded, with the zeroed camera or lidar of an example and its label kept', async () => {
    const n = 40;
    const data = {
      xs: { camera: tf.ones([n, 2, 2, 3]), lidar: tf.ones([n, 4]) },
      ys: { manoeuvre: tf.oneHot(tf.range(0, n, 1, 'int32').mod(3).toInt(), 3).toFloat() },
    };
    const stream = modalityDropout(data, { inputs: ['camera', 'lidar'], rate: 0.5, batchSize: 16, seed: 9 });
    expect(stream.batchesPerEpoch).toBe(3);
    const before = tf.memory().numTensors;
    const batches = await collect(stream, 0);
    expect(batches.map((b) => b.xs.camera.shape[0])).toEqual([16, 16, 8]);
    const camera = batches.flatMap((b) => sums(b.xs.camera, [1, 2, 3]));
    const lidar = batches.flatMap((b) => sums(b.xs.lidar, [1]));
    const labels = batches.flatMap((b) => sums(b.ys.manoeuvre, [0]));
    expect(camera.every((c, i) => c === 12 || lidar[i] === 4)).toBe(true); // never both gone
    expect(camera.filter((c) => c === 0).length + lidar.filter((l) => l === 0).length).toBeGreaterThan(8);
    expect(labels.reduce((a, b) => a + b, 0)).toBe(n);
    const again = await collect(stream, 0);
    expect(again.flatMap((b) => sums(b.xs.camera, [1, 2, 3]))).toEqual(camera);
    const other = await collect(stream, 1);
    expect(other.flatMap((b) => sums(b.xs.camera, [1, 2, 3]))).not.toEqual(camera);
    for (const b of [...batches, ...again, ...other]) tf.dispose([...Object.values(b.xs), ...Object.values(b.ys)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...Object.values(data.xs), ...Object.values(data.ys)]);
  });

  it('feeds a missing sensor as zeros at prediction time', () => {
    const xs = { camera: tf.ones([2, 2, 2, 3]), lidar: tf.ones([2, 4]) };
    const without = withoutInput(xs, 'lidar');
    expect(without.camera).toBe(xs.camera);
    expect(without.lidar.sum().arraySync()).toBe(0);
    expect(() => withoutInput(xs, 'radar')).toThrow("cannot drop input 'radar': the inputs are camera, lidar");
    tf.dispose([xs.camera, xs.lidar, without.lidar]);
  });
});
