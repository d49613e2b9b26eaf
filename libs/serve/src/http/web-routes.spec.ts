import * as tf from '@tensorflow/tfjs';
import { registerMimoLayers } from '@mimo/core';
import { promises as fs } from 'fs';
import * as path from 'path';
import { referenceModel, tempDir } from '../testing/test-models.test-helper';
import { RunningServer, startServer } from './start-server';

describe('the web app routes', () => {
  const served = referenceModel('numeric_categorical');
  let server: RunningServer;
  let assets: string;
  let bench: string;

  beforeAll(async () => {
    assets = await tempDir('mimo-web-assets-');
    await fs.writeFile(path.join(assets, 'index.html'), '<!doctype html><title>page</title>');
    await fs.writeFile(path.join(assets, 'app.js'), 'void 0;');
    bench = await tempDir('mimo-bench-');
    await fs.writeFile(path.join(bench, 'results.json'), JSON.stringify({ summary: [], paired: [] }));
    server = await startServer({ models: [served], port: 0, apiToken: 'web-token', web: { assetsDir: assets, benchDir: bench } });
  });
  afterAll(() => server.close());

  const get = (url: string, headers: Record<string, string> = {}) => fetch(`${server.url}${url}`, { headers, redirect: 'manual' });

  it('opens with /?token=: a valid token becomes an HttpOnly, SameSite=Strict cookie that authorises the page and the API', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    const opened = await get('/?token=web-token');
    expect([opened.status, opened.headers.get('location')]).toEqual([303, '/']);
    const cookie = opened.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mimo_token=web-token; Path=\/; HttpOnly; SameSite=Strict$/);
    const auth = { cookie: cookie.split(';')[0] };
    expect(await (await get('/', auth)).text()).toContain('<title>page</title>');
    expect((await get('/web/app.js', auth)).status).toBe(200);
    expect((await get('/v1/models', auth)).status).toBe(200);
    expect((await get('/v1/models', { cookie: 'mimo_token=nope' })).status).toBe(401);
  });

  it("sends a bundle's artifacts that load with plain tfjs and predict as the server does", async () => {
    // Parsed in jest's own realm: fetch's .json() makes arrays of Node's realm, which tfjs' tslib cannot iterate here.
    const artifacts = JSON.parse(await (await get('/v1/models/numeric_categorical/artifacts', { authorization: 'Bearer web-token' })).text()) as { modelTopology: object; weightSpecs: tf.io.WeightsManifestEntry[]; weightData: string; spec: { name: string } };
    expect(artifacts.spec.name).toBe('numeric_categorical');
    registerMimoLayers();
    const bytes = Buffer.from(artifacts.weightData, 'base64');
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs, weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }));
    const inputs = [tf.tensor2d([Array.from({ length: 10 }, (_, i) => i / 10)]), tf.tensor2d([[4]], undefined, 'int32')];
    const [mine, theirs] = [model.predict(inputs) as tf.Tensor, served.bundle.model.predict(inputs) as tf.Tensor];
    expect(Array.from(mine.dataSync())).toEqual(Array.from(theirs.dataSync()));
    tf.dispose([...inputs, mine, theirs]);
    model.dispose();
  });

  it('sends the bench results, and says what is missing: a browser decoder, a model', async () => {
    const auth = { authorization: 'Bearer web-token' };
    expect(await (await get('/v1/bench', auth)).json()).toEqual({ summary: [], paired: [] });
    const decoder = await get('/v1/models/numeric_categorical/decoder.js', auth);
    expect(decoder.status).toBe(404);
    expect(((await decoder.json()) as { error: string }).error).toContain('has no browser decoder');
    expect((await get('/v1/models/nope/artifacts', auth)).status).toBe(404);
  });
});
