import { loadServedModel, startServer } from '@mimo/serve';
import { mkdtempSync, promises as fs, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { decodeTableRecords, runPredict } from '../flows/predict-flow';
import { runTrain } from '../flows/train-flow';
import { AppPlugin } from '../plugin';
import { tablePlugin } from '../testing/table-plugin';
import { appDecoderFactory, appRecordDecoder } from './app-record-decoder';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-kit-serve-'));
const bundleDir = path.join(dir, 'toy');

/** The toy app, but `a` is read from a file its records name (as an app reads images or range files). */
const filePlugin: AppPlugin = {
  ...tablePlugin(),
  recordFiles: ['a_file'],
  decodeRecords: async (records, bundle, baseDir) => {
    const withA = await Promise.all(
      records.map(async ({ a_file, ...rest }) => ({ ...rest, a: Number(await fs.readFile(path.resolve(baseDir, String(a_file)), 'utf8')) })),
    );
    return decodeTableRecords(withA, bundle, baseDir);
  },
};

async function servePredictions(plugin: AppPlugin, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const served = await loadServedModel(bundleDir, { decoderFor: (bundle) => appRecordDecoder(plugin, bundle) });
  const server = await startServer({ models: [served], port: 0 });
  try {
    const response = await fetch(`${server.url}/v1/models/toy:predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  } finally {
    await server.close();
  }
}


beforeAll(async () => {
  await runTrain(tablePlugin(), { out: bundleDir, epochs: 3, batchSize: 32, seed: 3, patience: 5, tiny: true }, () => undefined);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('serving an app bundle with the app’s record decoder', () => {
  it('answers raw records over HTTP exactly as `predict` does (table decoder)', async () => {
    const records = [{ a: 2, noise: 0, ward: 'A' }, { a: -1, noise: 0.5, ward: 'B' }];
    writeFileSync(path.join(dir, 'in.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    const cli = await runPredict(tablePlugin(), { model: bundleDir, input: path.join(dir, 'in.jsonl') });
    const served = await servePredictions(tablePlugin(), { records });
    expect(served.status).toBe(200);
    expect(served.json.predictions).toEqual(cli);
  });

  it('carries the plugin’s file fields as base64 and answers as `predict` does on the files', async () => {
    writeFileSync(path.join(dir, 'a2.txt'), '2');
    writeFileSync(path.join(dir, 'files.jsonl'), '{"a_file": "a2.txt", "noise": 0, "ward": "B"}\n');
    const cli = await runPredict(filePlugin, { model: bundleDir, input: path.join(dir, 'files.jsonl') });
    const served = await servePredictions(filePlugin, { records: [{ a_file: Buffer.from('2').toString('base64'), noise: 0, ward: 'B' }] });
    expect(served.status).toBe(200);
    expect(served.json.predictions).toEqual(cli);
  });

  it('never reads a path a request names, and names the field of a bad record', async () => {
    const path_ = await servePredictions(filePlugin, { records: [{ a_file: '/etc/hostname', noise: 0, ward: 'A' }] });
    expect(path_).toMatchObject({ status: 400, json: { code: 'bad_base64', field: 'records[0].a_file' } });
    const bad = await servePredictions(tablePlugin(), { records: [{ a: 'old', noise: 0, ward: 'A' }] });
    expect(bad).toMatchObject({ status: 400, json: { code: 'bad_record', field: 'records[0].a' } });
  });

  it('picks each bundle’s decoder by the app its card names', async () => {
    const decodedBy = async (plugins: AppPlugin[], record: Record<string, unknown>) => {
      const served = await loadServedModel(bundleDir, { decoderFor: appDecoderFactory(plugins) });
      served.bundle.model.dispose();
      const decoded = await (served.decodeRecords as NonNullable<typeof served.decodeRecords>)([record]);
      const values = Object.fromEntries(Object.entries(decoded).map(([name, t]) => [name, Array.from(t.dataSync())]));
      Object.values(decoded).forEach((t) => t.dispose());
      return values;
    };
    const table = await decodedBy([{ ...filePlugin, name: 'other' }], { a: 2, noise: 0, ward: 'B' });
    expect(await decodedBy([filePlugin], { a_file: Buffer.from('2').toString('base64'), noise: 0, ward: 'B' })).toEqual(table);
  });
});
