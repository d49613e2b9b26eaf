import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildModel } from '../model/build-model';
import { parseModelSpec } from '../spec/model-spec';
import { randomInputs } from '../synthetic/random-examples';
import { BUNDLE_FILES, loadBundle, saveBundle } from './bundle';

const spec = parseModelSpec({
  name: 'bundle_case',
  inputs: { x: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [4] } } },
  heads: { y: { type: 'regression' } },
  seed: 1,
});

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-bundle-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('bundle', () => {
  it('round-trips model, spec, preprocessing state and card', async () => {
    const model = buildModel(spec);
    const preprocessing = { x: { mean: [1, 2, 3], std: [1, 1, 2] } };
    await saveBundle(path.join(dir, 'b'), { model, spec, preprocessing, card: { metrics: { y: { mae: 0.5 } } } });
    const loaded = await loadBundle(path.join(dir, 'b'));
    expect(loaded.spec).toEqual(spec);
    expect(loaded.preprocessing).toEqual(preprocessing);
    expect(loaded.card).toMatchObject({ name: 'bundle_case', tfjsVersion: tf.version.tfjs, metrics: { y: { mae: 0.5 } } });
    const x = randomInputs(spec, 4).x;
    expect(Array.from((loaded.model.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
    expect((await fs.readdir(dir)).sort()).toEqual(['b']); // no temp folders left behind
  });

  it('replaces an existing bundle whole', async () => {
    const target = path.join(dir, 'b');
    await saveBundle(target, { model: buildModel(spec), spec, preprocessing: { old: true } });
    await saveBundle(target, { model: buildModel(spec), spec });
    expect((await fs.readdir(target)).sort()).toEqual([BUNDLE_FILES.card, BUNDLE_FILES.model, BUNDLE_FILES.spec, BUNDLE_FILES.weights].sort());
  });

  it('names the file that is missing or broken', async () => {
    const target = path.join(dir, 'b');
    await saveBundle(target, { model: buildModel(spec), spec });
    await fs.writeFile(path.join(target, BUNDLE_FILES.weights), Buffer.alloc(10));
    await expect(loadBundle(target)).rejects.toThrow(/weights\.bin: expected \d+ bytes of weights, found 10/);
    await expect(loadBundle(path.join(dir, 'nowhere'))).rejects.toThrow(/Cannot read bundle file .*nowhere\/model\.json/);
  });

  it('reports a spec file that is not JSON', async () => {
    const target = path.join(dir, 'b');
    await saveBundle(target, { model: buildModel(spec), spec });
    await fs.writeFile(path.join(target, BUNDLE_FILES.spec), '{not json');
    await expect(loadBundle(target)).rejects.toThrow(/spec\.json is not valid JSON/);
  });
});
