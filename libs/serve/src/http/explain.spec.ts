import * as tf from '@tensorflow/tfjs';
import { ServedModel } from '../model/served-model';
import { post, referenceModel } from '../testing/test-models.test-helper';
import { RunningServer, startServer } from './start-server';

describe('POST /v1/models/{name}:explain', () => {
  let server: RunningServer;
  let served: ServedModel;

  beforeAll(async () => {
    served = referenceModel('numeric_categorical');
    server = await startServer({ models: [served], port: 0, apiToken: '' });
  });
  afterAll(() => server.close());

  const row = (offset: number) => ({ numeric: Array.from({ length: 10 }, (_, i) => (i + offset) / 10), category: [3] });

  it('explains each example: attributions per input that sum to output − baseline, an ablation, the predicted output', async () => {
    const before = tf.memory().numTensors;
    const { status, body } = await post(`${server.url}/v1/models/numeric_categorical:explain`, { instances: [row(0), row(5)] });
    expect(status).toBe(200);
    const explanations = body.explanations as Record<string, { output: number; baselineOutput: number; completeness: { sum: number; holds: boolean }; attributions: Record<string, { total: number; values: number[]; ids?: number[] }>; ablation: Record<string, number> }>[];
    expect(explanations).toHaveLength(2);
    const predicted = await post(`${server.url}/v1/models/numeric_categorical:predict`, { instances: [row(0), row(5)] });
    explanations.forEach((byHead, i) => {
      const [head, e] = Object.entries(byHead)[0];
      expect(head).toBe(served.bundle.model.outputNames[0]);
      expect(e.output).toBeCloseTo((predicted.body.predictions as number[][])[i][0], 5);
      expect(e.completeness.holds).toBe(true);
      expect(Math.abs(e.completeness.sum - (e.output - e.baselineOutput))).toBeLessThanOrEqual(0.01 * Math.max(Math.abs(e.output - e.baselineOutput), 1e-3));
      expect(e.attributions.numeric.values).toHaveLength(10);
      expect(e.attributions.category.ids).toEqual([3]);
      expect(Object.keys(e.ablation)).toEqual(['numeric', 'category']);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses more than 16 examples and unknown verbs, saying what it expected', async () => {
    const many = await post(`${server.url}/v1/models/numeric_categorical:explain`, { instances: Array.from({ length: 17 }, (_, i) => row(i)) });
    expect(many.status).toBe(400);
    expect(many.body).toMatchObject({ code: 'too_many_instances', error: expect.stringContaining('at most 16') });
    const verb = await post(`${server.url}/v1/models/numeric_categorical:why`, { instances: [row(0)] });
    expect(verb.status).toBe(404);
    expect(verb.body.error).toContain(':predict or :explain');
  });
});
