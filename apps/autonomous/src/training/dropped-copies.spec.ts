import * as tf from '@tensorflow/tfjs';
import { withDroppedCopies } from './dropped-copies';

describe('withDroppedCopies', () => {
  it('keeps every example and appends about rate·n copies, each with exactly one input zeroed', () => {
    const n = 200;
    const data = { xs: { camera: tf.ones([n, 2, 2, 3]), lidar: tf.ones([n, 4]) }, ys: { manoeuvre: tf.ones([n, 6]) } };
    const before = tf.memory().numTensors;
    const out = withDroppedCopies(data, { inputs: ['camera', 'lidar'], rate: 0.5, seed: 3 });
    expect(tf.memory().numTensors).toBe(before + 3);
    const total = out.xs.camera.shape[0];
    expect(total).toBeGreaterThan(n + 80);
    expect(total).toBeLessThan(n + 120);
    expect(out.ys.manoeuvre.shape).toEqual([total, 6]);
    const camera = tf.tidy(() => out.xs.camera.sum([1, 2, 3]).arraySync() as number[]);
    const lidar = tf.tidy(() => out.xs.lidar.sum(1).arraySync() as number[]);
    expect(camera.slice(0, n).every((c) => c === 12) && lidar.slice(0, n).every((l) => l === 4)).toBe(true);
    const copies = camera.slice(n).map((c, i) => [c, lidar[n + i]]);
    expect(copies.every(([c, l]) => (c === 0) !== (l === 0))).toBe(true);
    expect(copies.filter(([c]) => c === 0).length).toBeGreaterThan(30);
    expect(copies.filter(([, l]) => l === 0).length).toBeGreaterThan(30);
    tf.dispose([...Object.values(data.xs), ...Object.values(data.ys), ...Object.values(out.xs), ...Object.values(out.ys)]);
  });
});
