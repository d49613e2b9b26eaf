import * as tf from '@tensorflow/tfjs';
import { buildModel, parseModelSpec } from '@mimo/core';
import { autonomousSpecFor, VARIANTS } from './model';

describe('autonomous specs', () => {
  it.each(VARIANTS)('%s builds, reads the right inputs and predicts six manoeuvre probabilities', (variant) => {
    const spec = parseModelSpec(autonomousSpecFor(variant, { imageSize: 16 }));
    const model = buildModel(spec);
    const expected = variant === 'camera' ? ['camera'] : variant === 'lidar' ? ['lidar'] : ['camera', 'lidar'];
    expect([...model.inputNames].sort()).toEqual(expected);
    expect(model.outputNames).toEqual(['manoeuvre']);
    const xs: Record<string, tf.Tensor> = { camera: tf.zeros([2, 16, 16, 3]), lidar: tf.zeros([2, 24]) };
    const y = model.predict(model.inputNames.map((name) => xs[name])) as tf.Tensor;
    expect(y.shape).toEqual([2, 6]);
    expect(y.sum(1).arraySync()).toEqual([expect.closeTo(1, 5), expect.closeTo(1, 5)]);
    tf.dispose([y, ...Object.values(xs)]);
    model.dispose();
  });
});
