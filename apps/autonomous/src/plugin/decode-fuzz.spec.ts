// fast-check over the autonomous record decoder (what `predict` and the server feed it): any record is tensors or
// a DataError naming the record and field, never another error. MIMO_FUZZ_RUNS sets the budget (docs/reliability.md).
import * as tf from '@tensorflow/tfjs';
import { DataError } from '@mimo/data';
import fc from 'fast-check';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeManifest } from '../manifest/write-manifest';
import { generateFrames } from '../scene/generate-scenes';
import { MANOEUVRES } from '../scene/planner';
import { decodeSensorRecords } from './decode-records';

const RUNS = Number(process.env.MIMO_FUZZ_RUNS ?? 60);
const state = { format: 'mimo.autonomous', version: 1, imageSize: 32, beams: 24, maxRange: 20, classes: [...MANOEUVRES] };
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-decode-fuzz-'));
  await writeManifest(dir, generateFrames({ count: 1, seed: 4 }));
  await fs.writeFile(path.join(dir, 'notes.txt'), 'not an image');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('fuzz: the autonomous record decoder', () => {
  it('turns any record into tensors or a DataError', async () => {
    const range = fc.oneof(fc.double(), fc.jsonValue(), fc.constantFrom(0, 5, -1, 1e308, '3', 'x'));
    const camera = fc.oneof(fc.string(), fc.constantFrom('frames/0.png', 'notes.txt', '.', '/', '', 'missing.png'), fc.jsonValue());
    const record = fc.oneof(
      fc.record({ camera, ranges: fc.oneof(fc.array(range, { maxLength: 26 }), fc.jsonValue(), fc.constantFrom('notes.txt', '.')) }, { requiredKeys: [] }),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 3 }), async (records) => {
        try {
          tf.dispose(Object.values(await decodeSensorRecords(records as Record<string, unknown>[], state, dir)));
        } catch (error) {
          if (!(error instanceof DataError)) throw new Error(`not a DataError: ${(error as Error).stack ?? String(error)}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
