// Property-based fuzzing (fast-check) of what reads a user's files and records: random and mutated CSV / JSONL
// text, records and HTTP bodies must give a DataError naming where (a 4xx over HTTP), or finite predictions; never
// another error, a 5xx, a `null`, or a file written beside the model. MIMO_FUZZ_RUNS sets the budget per property (CI: 60; docs/reliability.md).
import fc from 'fast-check';
import { DataError, readTable } from '@mimo/data';
import { loadServedModel, startServer } from '@mimo/serve';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readRecords } from '../data/read-records';
import { appRecordDecoder } from '../serving/app-record-decoder';
import { tablePlugin } from '../testing/table-plugin';
import { runPredict } from './predict-flow';
import { runTrain } from './train-flow';

const RUNS = Number(process.env.MIMO_FUZZ_RUNS ?? 60);
const dir = mkdtempSync(path.join(os.tmpdir(), 'mimo-fuzz-'));
const bundle = path.join(dir, 'toy');
let fileCount = 0;
const writeInput = (name: string, content: string) => {
  const file = path.join(dir, `${fileCount++}-${name}`);
  writeFileSync(file, content);
  return file;
};

beforeAll(async () => {
  await runTrain(tablePlugin(), { out: bundle, epochs: 1, batchSize: 32, seed: 3, patience: 5, tiny: true }, () => undefined);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body`; a DataError (with its place in the message) is an answer, any other error a failure of the property. */
async function answersOrDataError(body: () => Promise<unknown>): Promise<unknown> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof DataError)) throw new Error(`not a DataError: ${(error as Error).stack ?? String(error)}`);
    expect(error.message.length).toBeLessThan(DataError.MAX_PROBLEM_LENGTH + 300);
    return error;
  }
}

const cell = fc.oneof(fc.string(), fc.double().map(String), fc.constantFrom('', 'NaN', '1e308', '"', '""', ',', '\n', '\u0000', '-0', 'Infinity'));
const mutatedCsv = fc.tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 6 }), fc.boolean()).map(([rows, withHeader]) =>
  [withHeader ? 'a,noise,ward,y' : rows.shift()?.join(',') ?? '', ...rows.map((r) => r.join(','))].join('\n'),
);

describe('fuzz: readers and predict never crash on what a user feeds them', () => {
  it('readTable: any CSV text is rows or a DataError', async () => {
    const schema = { columns: { a: { type: 'numeric' as const }, noise: { type: 'numeric' as const }, ward: { type: 'categorical' as const }, y: { type: 'label' as const, task: 'binary' as const } } };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedCsv, fc.string()), async (text) => {
        const result = await answersOrDataError(() => readTable(writeInput('t.csv', text), schema));
        if (!(result instanceof DataError)) for (const row of (result as { data: Record<string, unknown>[] }).data) expect(Number.isFinite(row.a)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('predict inputs: any .jsonl / .csv text is records or a DataError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedCsv, fc.string(), fc.array(fc.jsonValue(), { maxLength: 4 }).map((values) => values.map((v) => JSON.stringify(v)).join('\n'))), fc.constantFrom('in.csv', 'in.jsonl'), async (text, name) => {
        await answersOrDataError(() => readRecords(writeInput(name, text)));
      }),
      { numRuns: RUNS },
    );
  });

  it('predict: any record is finite predictions or a DataError naming its line; nothing written beside the model', async () => {
    const value = fc.oneof(fc.jsonValue(), fc.double(), fc.constantFrom(1e308, -1e308, 1e-308, 0, '1', 'A', 'B', 'Z'));
    const record = fc.record({ a: value, noise: value, ward: value }, { requiredKeys: [] });
    const before = readdirSync(bundle).sort();
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 4 }), async (records) => {
        const input = writeInput('r.jsonl', records.map((r) => JSON.stringify(r)).join('\n'));
        const result = await answersOrDataError(() => runPredict(tablePlugin(), { model: bundle, input }));
        if (result instanceof DataError) expect(result.message).toMatch(new RegExp(`^${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
        else for (const prediction of result as { y: { probability: unknown } }[]) expect(Number.isFinite(prediction.y.probability)).toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect(readdirSync(bundle).sort()).toEqual(before);
  });

  it('HTTP records: any body of records is 200 with finite predictions or a 4xx naming a field, never a 5xx', async () => {
    const served = await loadServedModel(bundle, { decoderFor: (saved) => appRecordDecoder(tablePlugin(), saved) });
    const server = await startServer({ models: [served], port: 0, apiToken: '' });
    try {
      const value = fc.oneof(fc.jsonValue(), fc.constantFrom(1e308, -1e308, 'A', 'Z', ''));
      const body = fc.oneof(fc.record({ records: fc.array(fc.oneof(fc.record({ a: value, noise: value, ward: value }, { requiredKeys: [] }), fc.jsonValue()), { maxLength: 4 }) }), fc.jsonValue());
      await fc.assert(
        fc.asyncProperty(body, async (json) => {
          const response = await fetch(`${server.url}/v1/models/toy:predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
          const answer = (await response.json()) as { predictions?: { y: { probability: unknown } }[]; error?: string; field?: string };
          expect(response.status).toBeLessThan(500);
          if (response.status === 200) for (const p of answer.predictions ?? []) expect(Number.isFinite(p.y.probability)).toBe(true);
          else expect(typeof answer.error).toBe('string');
        }),
        { numRuns: RUNS },
      );
    } finally {
      await server.close();
    }
  });
});
