import * as tf from '@tensorflow/tfjs';
import { TablePreprocessor } from '@mimo/data';
import { promises as fs } from 'fs';
import * as path from 'path';
import { RunningServer, startServer } from '../http/start-server';
import { getJson, pngBase64, post, saveTableBundle, tempDir } from '../testing/test-models.test-helper';
import { loadServedModel } from './load-served-model';
import { ModelMetadata } from './model-version';
import { ServedModel } from './served-model';

describe('raw records through the bundle’s saved TablePreprocessor', () => {
  let root: string;
  let served: ServedModel;
  let server: RunningServer;
  let url: string;
  let grey: string;

  beforeAll(async () => {
    root = await tempDir();
    await saveTableBundle(path.join(root, 'ward_outcome'));
    served = await loadServedModel(path.join(root, 'ward_outcome'));
    server = await startServer({ models: [served], port: 0, apiToken: '' });
    url = `${server.url}/v1/models/ward_outcome:predict`;
    grey = await pngBase64(8, 8, 100);
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('gives what the predict path (fromJSON → parseRecords → transform → predict) gives', async () => {
    const records = [
      { age: 66, ward: 'C', scan: grey },
      { age: '41', ward: 'A', scan: `data:image/png;base64,${grey}` },
    ];
    const res = await post(url, { records });
    expect(res.status).toBe(200);
    // The same records the way a predict command reads them: image files on disk.
    const dir = await tempDir();
    const file = path.join(dir, 'scan.png');
    await fs.writeFile(file, Buffer.from(grey, 'base64'));
    const table = TablePreprocessor.fromJSON(served.bundle.preprocessing);
    const { xs } = await table.transform(table.parseRecords(records.map((r) => ({ ...r, scan: file }))), { labels: false });
    const expected = tf.tidy(() => (served.bundle.model.predict(served.bundle.model.inputNames.map((name) => xs[name])) as tf.Tensor).arraySync() as number[][]);
    tf.dispose(Object.values(xs));
    await fs.rm(dir, { recursive: true, force: true });
    // Answered in the head's terms: the card's class names, decided at its threshold (0.58), probability to 1e-6.
    expect(res.body.predictions).toEqual(expected.map(([p]) => ({ died: { class: p >= 0.58 ? 'died' : 'no', probability: Math.round(p * 1e6) / 1e6 } })));
    expect(expected.map(([p]) => p >= 0.58)).toEqual([true, false]);
  });

  it('says it takes records in its metadata', async () => {
    const metadata = await getJson<ModelMetadata>(`${server.url}/v1/models/ward_outcome/metadata`);
    expect(metadata.records).toBe(true);
    expect(metadata.heads.died).toEqual({ type: 'binary', shape: [1], classes: ['no', 'died'], threshold: 0.58 });
  });

  it.each([
    ['bad base64', { age: 1, ward: 'A', scan: 'not base64!' }, 'bad_base64', 'records[0].scan'],
    ['an image path instead of base64', { age: 1, ward: 'A', scan: '/etc/passwd' }, 'bad_base64', 'records[0].scan'],
    ['undecodable image', { age: 1, ward: 'A', scan: Buffer.from('hello world!').toString('base64') }, 'bad_image', 'records[0].scan'],
    ['a number that is not one', { age: 'old', ward: 'A', scan: 'GREY' }, 'bad_record', 'records[0].age'],
    ['a missing column', { ward: 'A', scan: 'GREY' }, 'bad_record', 'records[0].age'],
  ])('answers 400 naming the field: %s', async (_case, record, code, field) => {
    const res = await post(url, { records: [{ ...record, scan: record.scan === 'GREY' ? grey : record.scan }] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, field });
  });

  it('takes one record as a multipart upload (fields are columns, files are images)', async () => {
    const form = new FormData();
    form.set('age', '66');
    form.set('ward', 'C');
    form.set('scan', new Blob([Buffer.from(grey, 'base64')], { type: 'image/png' }), 'scan.png');
    const multipart = await (await fetch(url, { method: 'POST', body: form })).json();
    const json = await post(url, { records: [{ age: 66, ward: 'C', scan: grey }] });
    expect(multipart).toEqual(json.body);
  });

  it('keeps no tensors after records, good or bad', async () => {
    await post(url, { records: [{ age: 1, ward: 'A', scan: grey }] });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      await post(url, { records: [{ age: i, ward: 'A', scan: grey }] });
      await post(url, { records: [{ age: i, ward: 'A', scan: Buffer.from('junk').toString('base64') }] });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
