import { saveBundle } from '@mimo/core';
import { promises as fs } from 'fs';
import * as path from 'path';
import { startServer } from '../http/start-server';
import { getJson, post, referenceModel, saveTableBundle, tempDir, waitFor } from '../testing/test-models.test-helper';
import { ModelRegistry } from './model-registry';

async function saveReference(dir: string, name: string): Promise<void> {
  const served = referenceModel(name);
  await saveBundle(dir, { model: served.bundle.model, spec: served.bundle.spec });
  served.bundle.model.dispose();
}

const features = new Array(20).fill(0.25);

describe('ModelRegistry over a models folder', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempDir();
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('loads <name>/<version>/ (highest version) and <name>/ bundles, skipping other folders', async () => {
    await saveReference(path.join(root, 'multi', '1'), 'shared_multitask');
    await saveReference(path.join(root, 'multi', '2'), 'shared_multitask');
    await saveTableBundle(path.join(root, 'ward'));
    await fs.mkdir(path.join(root, 'empty'));
    await fs.mkdir(path.join(root, 'bad name!'));
    // A link to a bundle kept elsewhere counts as its folder.
    const elsewhere = await tempDir();
    await saveReference(path.join(elsewhere, 'linked'), 'shared_multitask');
    await fs.symlink(path.join(elsewhere, 'linked'), path.join(root, 'linked'));
    const registry = await ModelRegistry.open(root, { pollMs: 0 });
    expect(registry.list().map((m) => [m.name, m.version]).sort()).toEqual([
      ['linked', '1'],
      ['multi', '2'],
      ['ward', '1'],
    ]);
    expect(registry.get('ward')?.metadata.records).toBe(true);
    expect(registry.get('multi')?.metadata.records).toBe(false);
    await registry.close();
    await fs.rm(elsewhere, { recursive: true, force: true });
  });

  it('swaps a new version in without failing requests in flight', async () => {
    await saveReference(path.join(root, 'multi', '1'), 'shared_multitask');
    const registry = await ModelRegistry.open(root, { pollMs: 0, batching: { maxBatchSize: 1000, maxDelayMs: 1000 }, onReload: () => undefined });
    const server = await startServer({ models: registry, port: 0, apiToken: '' });
    const url = `${server.url}/v1/models/multi:predict`;
    try {
      const inFlight = Array.from({ length: 5 }, () => post(url, { instances: [features] }));
      await waitFor(() => server.inflight() === 5);
      expect(server.inflight()).toBe(5);
      await saveReference(path.join(root, 'multi', '2'), 'shared_multitask');
      await registry.scan();
      expect(registry.get('multi')?.version).toBe('2');
      const answers = await Promise.all(inFlight);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      expect((await post(url, { instances: [features] })).status).toBe(200);
      const status = await getJson<{ model_version_status: { version: string }[] }>(`${server.url}/v1/models/multi`);
      expect(status.model_version_status[0].version).toBe('2');
    } finally {
      await server.close();
    }
  });

  it('keeps serving the old version when a new one fails to load, and polls on its own', async () => {
    await saveReference(path.join(root, 'multi', '1'), 'shared_multitask');
    const errors: string[] = [];
    const reloads: string[] = [];
    const registry = await ModelRegistry.open(root, { pollMs: 20, onLoadError: (dir) => errors.push(dir), onReload: (model) => reloads.push(`${model.name}@${model.version}`) });
    await fs.mkdir(path.join(root, 'multi', '3'));
    await fs.writeFile(path.join(root, 'multi', '3', 'model.json'), '{ broken');
    for (let i = 0; i < 200 && errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors).toEqual([path.join(root, 'multi', '3')]);
    expect(registry.get('multi')?.version).toBe('1');
    await fs.rm(path.join(root, 'multi', '3'), { recursive: true });
    await saveReference(path.join(root, 'multi', '4'), 'shared_multitask');
    for (let i = 0; i < 300 && registry.get('multi')?.version !== '4'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(registry.get('multi')?.version).toBe('4');
    // 4 is logged as a reload, the broken 3 never; 1 again too when a poll fell between removing 3 and saving 4.
    expect(reloads.at(-1)).toBe('multi@4');
    expect(reloads.filter((version) => version !== 'multi@1' && version !== 'multi@4')).toEqual([]);
    await registry.close();
  });

  it('fails at start on a models folder that is not there, instead of polling it forever', async () => {
    await expect(ModelRegistry.open(path.join(root, 'nowhere'))).rejects.toThrow(`${path.join(root, 'nowhere')}: no such folder`);
    await fs.writeFile(path.join(root, 'file'), 'x');
    await expect(ModelRegistry.open(path.join(root, 'file'))).rejects.toThrow('expected a folder of bundles, received a file');
  });

  it('never turns a request into a path: unknown names are 404 whatever they contain', async () => {
    await saveReference(path.join(root, 'multi', '1'), 'shared_multitask');
    const registry = await ModelRegistry.open(root, { pollMs: 0 });
    const server = await startServer({ models: registry, port: 0, apiToken: '' });
    try {
      for (const name of ['..', '..%2F..%2Fetc', 'multi%2F1', '%00', 'constructor', '__proto__']) {
        const res = await fetch(`${server.url}/v1/models/${name}/metadata`);
        expect([404]).toContain(res.status);
      }
    } finally {
      await server.close();
    }
  });
});
