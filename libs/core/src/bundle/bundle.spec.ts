import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildModel } from '../model/build-model';
import { parseModelSpec } from '../spec/model-spec';
import { randomInputs } from '../synthetic/random-examples';
import { BUNDLE_FILES, BundleIntegrityError, loadBundle, saveBundle } from './bundle';
import { verifyBundle } from './bundle-manifest';
import { BundleTargetError } from './bundle-target';

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

  it('reads each file of a bundle once when it loads (the manifest check keeps the bytes it hashed)', async () => {
    await saveBundle(path.join(dir, 'b'), { model: buildModel(spec), spec, preprocessing: { x: 1 } });
    const readFile = jest.spyOn(fs, 'readFile');
    try {
      await loadBundle(path.join(dir, 'b'));
      const reads = readFile.mock.calls.map(([file]) => path.basename(String(file))).sort();
      expect(reads).toEqual([BUNDLE_FILES.card, BUNDLE_FILES.manifest, BUNDLE_FILES.model, BUNDLE_FILES.preprocessing, BUNDLE_FILES.spec, BUNDLE_FILES.weights].sort());
    } finally {
      readFile.mockRestore();
    }
  });

  it('replaces an existing bundle whole', async () => {
    const target = path.join(dir, 'b');
    await saveBundle(target, { model: buildModel(spec), spec, preprocessing: { old: true } });
    await saveBundle(target, { model: buildModel(spec), spec });
    expect((await fs.readdir(target)).sort()).toEqual([BUNDLE_FILES.card, BUNDLE_FILES.manifest, BUNDLE_FILES.model, BUNDLE_FILES.spec, BUNDLE_FILES.weights].sort());
  });

  it('refuses to replace a folder that is not a bundle, or a file, keeping what is there', async () => {
    const notes = path.join(dir, 'notes');
    await fs.mkdir(notes);
    await fs.writeFile(path.join(notes, 'important.txt'), 'keep');
    await expect(saveBundle(notes, { model: buildModel(spec), spec })).rejects.toThrow(
      new BundleTargetError(notes, `refusing to replace ${notes}: it is not a Mimo bundle (it holds important.txt); choose another folder, or overwrite it explicitly (--overwrite)`),
    );
    expect(await fs.readFile(path.join(notes, 'important.txt'), 'utf8')).toBe('keep');
    const file = path.join(dir, 'notes.txt');
    await fs.writeFile(file, 'keep');
    await expect(saveBundle(file, { model: buildModel(spec), spec }, { overwrite: true })).rejects.toThrow(`refusing to write a bundle to ${file}: it is a file, not a folder`);
    expect(await fs.readFile(file, 'utf8')).toBe('keep');
    await saveBundle(notes, { model: buildModel(spec), spec }, { overwrite: true });
    expect(await fs.readdir(notes)).not.toContain('important.txt');
    const empty = path.join(dir, 'empty');
    await fs.mkdir(empty);
    await saveBundle(empty, { model: buildModel(spec), spec });
    expect(await fs.readdir(empty)).toContain(BUNDLE_FILES.model);
  });

  it('checks every file against the manifest when it loads: a corrupt or missing file is named', async () => {
    const target = path.join(dir, 'b');
    await saveBundle(target, { model: buildModel(spec), spec });
    const weights = path.join(target, BUNDLE_FILES.weights);
    expect(await verifyBundle(target)).toMatchObject({ hasManifest: true, problems: [], checked: expect.arrayContaining([BUNDLE_FILES.weights, BUNDLE_FILES.spec]) });
    const size = (await fs.stat(weights)).size;
    await fs.writeFile(weights, Buffer.alloc(size, 7)); // same size, other bytes: loaded silently before manifests
    await expect(loadBundle(target)).rejects.toThrow(BundleIntegrityError);
    await expect(loadBundle(target)).rejects.toThrow(`${weights}: its SHA-256 differs from the manifest's`);
    await fs.rm(path.join(target, BUNDLE_FILES.card));
    expect((await verifyBundle(target)).problems).toEqual([`${weights}: its SHA-256 differs from the manifest's (the file is corrupt or was changed after saving)`, `${path.join(target, BUNDLE_FILES.card)}: missing`]);
  });

  it('names the file that is missing or broken in a bundle saved before manifests', async () => {
    const target = path.join(dir, 'b');
    await saveBundle(target, { model: buildModel(spec), spec });
    await fs.rm(path.join(target, BUNDLE_FILES.manifest));
    expect(await verifyBundle(target)).toMatchObject({ hasManifest: false, problems: [] });
    await fs.writeFile(path.join(target, BUNDLE_FILES.weights), Buffer.alloc(10));
    await expect(loadBundle(target)).rejects.toThrow(/weights\.bin: expected \d+ bytes of weights, found 10/);
    await expect(loadBundle(path.join(dir, 'nowhere'))).rejects.toThrow(/Cannot read bundle file .*nowhere\/model\.json/);
  });

  it('reports a spec file that is not JSON', async () => {
    const target = path.join(dir, 'b');
    await saveBundle(target, { model: buildModel(spec), spec });
    await fs.rm(path.join(target, BUNDLE_FILES.manifest));
    await fs.writeFile(path.join(target, BUNDLE_FILES.spec), '{not json');
    await expect(loadBundle(target)).rejects.toThrow(/spec\.json is not valid JSON/);
  });
});
