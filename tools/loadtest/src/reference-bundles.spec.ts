import { parseModelSpec, referenceSpec } from '@mimo/core';
import { mkdtempSync, promises as fs } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { predictBody, saveReferenceBundles, servedSpecs } from './reference-bundles';

describe('predictBody', () => {
  it('makes row-format instances of the model’s input shapes', () => {
    const body = JSON.parse(predictBody(parseModelSpec(referenceSpec('healthcare_labs_image')), 2)) as { instances: { labs: number[]; xray: number[][][] }[] };
    expect(body.instances).toHaveLength(2);
    expect(body.instances[0].labs).toHaveLength(5);
    expect([body.instances[0].xray.length, body.instances[0].xray[0].length, body.instances[0].xray[0][0].length]).toEqual([28, 28, 1]);
  });
});

describe('servedSpecs', () => {
  it('reads the spec of every bundle a models folder serves, and refuses an empty folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mimo-loadtest-'));
    try {
      const saved = await saveReferenceBundles(dir, ['nlp_text_user']);
      expect(await servedSpecs(dir)).toEqual(saved);
      const empty = path.join(dir, 'empty');
      await fs.mkdir(empty);
      await expect(servedSpecs(empty)).rejects.toThrow(/no bundles/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
