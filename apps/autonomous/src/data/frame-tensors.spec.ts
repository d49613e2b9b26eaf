import * as tf from '@tensorflow/tfjs';
import { frameTensors } from './frame-tensors';

const frame = (value: number, ranges: number[], label?: string) => ({ camera: new Uint8Array(2 * 2 * 3).fill(value), ranges, label });

describe('frameTensors', () => {
  it('scales pixels to [0, 1], ranges by maxRange (clipped), and one-hot encodes labels', () => {
    const { xs, ys } = frameTensors([frame(255, [10, 30], 'b'), frame(51, [0, 5], 'a')], { imageSize: 2, maxRange: 20, classes: ['a', 'b', 'c'] });
    expect(xs.camera.shape).toEqual([2, 2, 2, 3]);
    expect(xs.camera.max().arraySync()).toBeCloseTo(1);
    expect(xs.camera.min().arraySync()).toBeCloseTo(0.2);
    expect(xs.lidar.arraySync()).toEqual([[0.5, 1], [0, 0.25]]);
    expect(ys?.manoeuvre.arraySync()).toEqual([[0, 1, 0], [1, 0, 0]]);
    tf.dispose([xs.camera, xs.lidar, ys?.manoeuvre ?? []]);
  });

  it('has no ys without labels, and rejects a frame of the wrong size or an unknown label', () => {
    const { xs, ys } = frameTensors([frame(0, [1, 2])], { imageSize: 2, maxRange: 20, classes: ['a'] });
    expect(ys).toBeUndefined();
    tf.dispose(Object.values(xs));
    expect(() => frameTensors([frame(0, [1, 2])], { imageSize: 3, maxRange: 20 })).toThrow('frame 0: expected 27 camera values (3×3×3), received 12');
    expect(() => frameTensors([frame(0, [1, 2], 'z')], { imageSize: 2, maxRange: 20, classes: ['a'] })).toThrow('frame 0: expected a label among a, received "z"');
  });
});
