import * as tf from '@tensorflow/tfjs';
import { buildModel, parseModelSpec } from '@mimo/core';
import { ServedModel } from '../model/served-model';
import { ModelMetadata } from '../model/model-version';
import { getJson, post, referenceModel } from '../testing/test-models.test-helper';
import { RunningServer, startServer } from './start-server';

const numericRow = (offset: number) => Array.from({ length: 10 }, (_, i) => (i + offset) / 10);

describe('createServeApp: TensorFlow Serving REST API over reference models', () => {
  let server: RunningServer;
  let served: ServedModel;
  let single: ServedModel;

  beforeAll(async () => {
    served = referenceModel('numeric_categorical');
    single = referenceModel('shared_multitask');
    server = await startServer({ models: [served, single], port: 0, maxBodyBytes: 64 * 1024, maxInstances: 8, apiToken: '', batching: { maxBatchSize: 16, maxDelayMs: 5 } });
  });
  afterAll(() => server.close());

  const predict = (name: string, body: unknown) => post(`${server.url}/v1/models/${name}:predict`, body);
  const direct = (numeric: number[][], category: number[][]) =>
    tf.tidy(() => (served.bundle.model.predict([tf.tensor2d(numeric), tf.tensor2d(category, undefined, 'int32')]) as tf.Tensor).arraySync() as number[][]);

  it('reports version status and metadata (inputs: kinds, shapes, dtypes; heads)', async () => {
    const status = await (await fetch(`${server.url}/v1/models/numeric_categorical`)).json();
    expect(status).toEqual({ model_version_status: [{ version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }] });
    const metadata = await getJson<ModelMetadata>(`${server.url}/v1/models/numeric_categorical/metadata`);
    expect(metadata.inputs).toEqual({ numeric: { kind: 'numeric', shape: [10], dtype: 'float32' }, category: { kind: 'categorical', shape: [1], dtype: 'int32' } });
    expect(Object.keys(metadata.heads)).toEqual(served.bundle.model.outputNames);
    expect(metadata.records).toBe(false);
  });

  it('predicts in row and columnar formats, equal to model.predict', async () => {
    const expected = direct([numericRow(0), numericRow(1)], [[3], [7]]);
    const rows = await predict('numeric_categorical', { instances: [{ numeric: numericRow(0), category: [3] }, { numeric: numericRow(1), category: 7 }] });
    expect(rows.status).toBe(200);
    (rows.body.predictions as number[][]).forEach((p, i) => expect(p[0]).toBeCloseTo(expected[i][0], 5));
    const columns = await predict('numeric_categorical', { inputs: { numeric: [numericRow(0), numericRow(1)], category: [[3], [7]] } });
    expect(columns.status).toBe(200);
    expect(columns.body.outputs).toEqual(rows.body.predictions);
    const multi = await predict('shared_multitask', { inputs: [new Array(20).fill(0.5)] });
    expect(Object.keys(multi.body.outputs as object)).toEqual(['output_1', 'output_2']);
  });

  it('accepts bare values for a single-input model', async () => {
    const features = Array.from({ length: 20 }, (_, i) => i / 20);
    const res = await predict('shared_multitask', { instances: [features, features] });
    expect(res.status).toBe(200);
    expect((res.body.predictions as unknown[]).length).toBe(2);
  });

  it.each([
    ['missing input', { instances: [{ numeric: numericRow(0) }] }, 'missing_input', 'instances[0].category'],
    ['unknown input', { instances: [{ numeric: numericRow(0), category: [1], extra: 1 }] }, 'unknown_input', 'instances[0].extra'],
    ['wrong shape', { instances: [{ numeric: [1, 2, 3], category: [1] }] }, 'bad_shape', 'instances[0].numeric'],
    ['wrong type', { instances: [{ numeric: numericRow(0).map(String), category: [1] }] }, 'bad_type', 'instances[0].numeric[0]'],
    ['id out of range', { instances: [{ numeric: numericRow(0), category: [20] }] }, 'bad_value', 'instances[0].category[0]'],
    ['non-integer id', { instances: [{ numeric: numericRow(0), category: [1.5] }] }, 'bad_value', 'instances[0].category[0]'],
    ['too many instances', { instances: Array.from({ length: 9 }, () => ({ numeric: numericRow(0), category: [1] })) }, 'too_many_instances', 'instances'],
    ['no instances', { instances: [] }, 'bad_request', 'instances'],
    ['columns of different lengths', { inputs: { numeric: [numericRow(0)], category: [[1], [2]] } }, 'bad_shape', 'inputs.category'],
    ['both formats', { instances: [], inputs: {} }, 'bad_request', 'body'],
    ['neither format', { data: [] }, 'bad_request', 'body'],
    ['records without a decoder', { records: [{ age: 1 }] }, 'no_record_decoder', 'records'],
  ])('answers 400 naming the field: %s', async (_case, body, code, field) => {
    const res = await predict('numeric_categorical', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, field });
    expect(String(res.body.error)).toContain(field);
    expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+|at .*\(/);
  });

  it('answers NaN (not JSON), oversized bodies, unknown models and wrong content types with 4xx', async () => {
    expect((await predict('numeric_categorical', '{"instances": [NaN]}')).body).toMatchObject({ code: 'bad_json', field: 'body' });
    const twice = await predict('numeric_categorical', '{"instances": [{"numeric": [1, 2, 3], "category": [1], "numeric": "x"}]}');
    expect([twice.status, twice.body]).toEqual([400, { code: 'bad_json', field: 'body', error: 'body: expected each key once per object, received "numeric" twice in $.instances[0]' }]);
    const huge = await predict('numeric_categorical', { instances: [{ numeric: new Array(40000).fill(1) }] });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('body_too_large');
    const unknown = await predict('../../etc/passwd', { instances: [] });
    expect(unknown.status).toBe(404);
    const missing = await predict('nope', { instances: [] });
    expect(missing).toMatchObject({ status: 404, body: { code: 'unknown_model', field: 'model' } });
    expect((await post(`${server.url}/v1/models/numeric_categorical:predict`, 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(`${server.url}/v1/models/numeric_categorical:classify`, {})).status).toBe(404);
    const get = await fetch(`${server.url}/v1/models/numeric_categorical:predict`);
    expect([get.status, get.headers.get('allow'), ((await get.json()) as { code: string }).code]).toEqual([405, 'POST', 'method_not_allowed']);
  });

  it('gathers concurrent requests into one forward pass, with the same answers', async () => {
    // maxBatchSize 12 and a long delay: the pass starts exactly when the 12th request arrives.
    const batching = await startServer({ models: [referenceModel('numeric_categorical')], port: 0, apiToken: '', batching: { maxBatchSize: 12, maxDelayMs: 60_000 } });
    try {
      const bodies = Array.from({ length: 12 }, (_, i) => ({ instances: [{ numeric: numericRow(i), category: [i % 20] }] }));
      const answers = await Promise.all(bodies.map((body) => post(`${batching.url}/v1/models/numeric_categorical:predict`, body)));
      const expected = direct(bodies.map((_, i) => numericRow(i)), bodies.map((_, i) => [i % 20]));
      answers.forEach((res, i) => expect((res.body.predictions as number[][])[0][0]).toBeCloseTo(expected[i][0], 5));
      const metrics = await (await fetch(`${batching.url}/metrics`)).text();
      expect(metrics).toMatch(/mimo_batch_size_count\{model="numeric_categorical"\} 1\n/);
      expect(metrics).toMatch(/mimo_batch_size_sum\{model="numeric_categorical"\} 12\n/);
    } finally {
      await batching.close();
    }
  });

  it('exposes Prometheus metrics: requests, latency, batch sizes, errors by kind', async () => {
    await predict('nope', { instances: [] });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('mimo_requests_total{route="predict"');
    expect(metrics).toContain('mimo_request_duration_seconds_bucket');
    expect(metrics).toContain('mimo_batch_size_bucket');
    expect(metrics).toMatch(/mimo_errors_total\{code="unknown_model"\} [1-9]/);
    expect(metrics).toMatch(/^mimo_tf_tensors \d+$/m);
  });

  it('serves /healthz, /readyz and /openapi.json', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready', models: 2 });
    const doc = await getJson<{ openapi: string; paths: object }>(`${server.url}/openapi.json`);
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toContain('/v1/models/{name}:predict');
  });

  it('keeps no tensors after requests, good or bad', async () => {
    await predict('numeric_categorical', { instances: [{ numeric: numericRow(0), category: [1] }] });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      await predict('numeric_categorical', { instances: [{ numeric: numericRow(i), category: [1] }] });
      await predict('numeric_categorical', { instances: [{ numeric: numericRow(i) }] });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('createServeApp: security options', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ models: [referenceModel('shared_multitask')], port: 0, apiToken: 's3cret', cors: ['http://allowed.example'] });
  });
  afterAll(() => server.close());

  it('requires the bearer token everywhere but the health checks', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const denied = await fetch(`${server.url}/v1/models/shared_multitask`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ code: 'unauthorized', field: 'authorization' });
    expect((await fetch(`${server.url}/v1/models/shared_multitask`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${server.url}/v1/models/shared_multitask`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
  });

  it('allows CORS for configured origins only', async () => {
    const headers = { authorization: 'Bearer s3cret' };
    const allowed = await fetch(`${server.url}/healthz`, { headers: { ...headers, origin: 'http://allowed.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://allowed.example');
    const other = await fetch(`${server.url}/healthz`, { headers: { ...headers, origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('createServeApp: never a NaN or an infinity as a prediction', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // Every kernel 1e20, biases 0: an input of 1e30 overflows float32 on the way to the output, 0 gives 0.
    const spec = parseModelSpec({ name: 'overflow', inputs: { x: { kind: 'numeric', size: 1, encoder: { type: 'dense', units: [1], activation: 'linear' } } }, heads: { y: { type: 'regression' } }, seed: 1 });
    const model = buildModel(spec);
    model.layers.forEach((layer) => layer.setWeights(layer.getWeights().map((w, i) => (i === 0 ? tf.fill(w.shape, 1e20) : tf.zerosLike(w)))));
    // A decoder as a price-based app's might be: a record's value scaled by its own factor, which can overflow.
    const decodeRecords = (records: unknown[]) => ({ x: tf.tensor2d((records as { v: number; scale: number }[]).map((r) => [r.v * r.scale]), undefined, 'float32') });
    server = await startServer({ models: [{ name: 'overflow', version: '1', bundle: { model, spec, card: { name: 'overflow', createdAt: 'test', tfjsVersion: tf.version.tfjs } }, decodeRecords }], port: 0, apiToken: '' });
  });
  afterAll(() => server.close());
  const predict = (body: unknown) => post(`${server.url}/v1/models/overflow:predict`, body);

  it('answers 422 naming the record a decoder turned into a non-finite input, 400 for an instance out of float32 range', async () => {
    expect(await predict({ records: [{ v: 1, scale: 1 }, { v: 1e300, scale: 1e10 }] })).toMatchObject({ status: 422, body: { code: 'non_finite_input', field: 'records[1]' } });
    expect(await predict({ instances: [[1], [1e308]] })).toMatchObject({ status: 400, body: { code: 'bad_value', field: 'instances[1][0]' } });
  });

  it('answers 422 naming the example whose output is not finite, and 200 with numbers otherwise', async () => {
    const res = await predict({ instances: [[0], [1e30]] });
    expect(res).toMatchObject({ status: 422, body: { code: 'non_finite_output', field: 'instances[1]' } });
    expect(String(res.body.error)).toContain("the model's output");
    const fine = await predict({ instances: [[0]] });
    expect(fine).toMatchObject({ status: 200, body: { predictions: [[0]] } });
  });
});
