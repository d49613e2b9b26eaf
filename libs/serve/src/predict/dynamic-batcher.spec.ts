import * as tf from '@tensorflow/tfjs';
import { referenceModel } from '../testing/test-models.test-helper';
import { DynamicBatcher } from './dynamic-batcher';
import { InputBatches } from './input-batch';

function series(steps: number, value: number): InputBatches {
  return { series: { dtype: 'float32', shape: [1, steps, 3], values: new Float32Array(steps * 3).fill(value) } };
}

describe('DynamicBatcher', () => {
  it('runs same-shape requests as one pass and variable lengths as separate passes, rows back in order', async () => {
    const { bundle } = referenceModel('variable_length');
    const sizes: number[] = [];
    const batcher = new DynamicBatcher(bundle.model, { maxBatchSize: 4, maxDelayMs: 60_000 }, (size) => sizes.push(size));
    const before = tf.memory().numTensors;
    const requests = [series(5, 0.1), series(7, 0.2), series(5, 0.3), series(7, 0.4)];
    const answers = await Promise.all(requests.map((inputs) => batcher.predict(inputs)));
    expect(sizes.sort()).toEqual([2, 2]);
    const name = bundle.model.outputNames[0];
    requests.forEach((inputs, i) => {
      const alone = tf.tidy(() => (bundle.model.predict(tf.tensor(inputs.series.values, inputs.series.shape)) as tf.Tensor).dataSync());
      expect(answers[i][name].shape[0]).toBe(1);
      Array.from(alone).forEach((v, k) => expect(answers[i][name].values[k]).toBeCloseTo(v, 5));
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects every request of a pass that fails, and keeps working', async () => {
    const { bundle } = referenceModel('shared_multitask');
    const batcher = new DynamicBatcher(bundle.model, { maxBatchSize: 2, maxDelayMs: 60_000 });
    const bad: InputBatches = { features: { dtype: 'float32', shape: [1, 3], values: new Float32Array(3) } };
    await expect(Promise.all([batcher.predict(bad), batcher.predict(bad)])).rejects.toThrow();
    const good: InputBatches = { features: { dtype: 'float32', shape: [1, 20], values: new Float32Array(20) } };
    const [answer] = await Promise.all([batcher.predict(good), batcher.predict(good)]);
    expect(answer.output_1.shape).toEqual([1, 1]);
  });
});
