// fast-check over the healthcare record decoder (what `predict` and the server feed it), for both kinds of bundle:
// image-only (PneumoniaMNIST) and a manifest's labs + image. Any record is tensors or a DataError, never another
// error. MIMO_FUZZ_RUNS sets the budget (docs/reliability.md).
import * as tf from '@tensorflow/tfjs';
import { DataError, TablePreprocessor } from '@mimo/data';
import fc from 'fast-check';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import sharp from 'sharp';
import { manifestSchema } from '../manifest/manifest-schema';
import { decodeHealthcareRecords } from './decode-xray-records';
import { XRAY_PREPROCESSING } from './prepare-pneumoniamnist';

const RUNS = Number(process.env.MIMO_FUZZ_RUNS ?? 60);
let dir: string;
let manifestBundle: { preprocessing: unknown };
const xrayBundle = { preprocessing: XRAY_PREPROCESSING };

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-healthcare-fuzz-'));
  await sharp(Buffer.alloc(28 * 28, 90), { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(path.join(dir, 'xray.png'));
  await fs.writeFile(path.join(dir, 'notes.txt'), 'not an image');
  await fs.writeFile(path.join(dir, 'cut.png'), (await fs.readFile(path.join(dir, 'xray.png'))).subarray(0, 40));
  const preprocessor = TablePreprocessor.create(manifestSchema({ labs: ['wbc', 'crp'], extraTargets: [] }));
  const training = [0, 1, 2].map((i) => ({ wbc: String(5 + i), crp: String(i * 10), image: 'xray.png', outcome: String(i % 2) }));
  await preprocessor.fit(preprocessor.parseRecords(training, { baseDir: dir, labels: true }));
  manifestBundle = { preprocessing: preprocessor.toJSON() };
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('fuzz: the healthcare record decoder', () => {
  const image = fc.oneof(fc.string(), fc.constantFrom('xray.png', 'cut.png', 'notes.txt', '.', '/', '', 'missing.png', '../xray.png'), fc.jsonValue());
  const lab = fc.oneof(fc.double(), fc.jsonValue(), fc.constantFrom('5', '1e308', 'NaN', '', 'forty'));
  const record = fc.oneof(fc.record({ image, wbc: lab, crp: lab, outcome: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue());

  it.each([
    ['an image-only (PneumoniaMNIST) bundle', () => xrayBundle],
    ['a manifest (labs + image) bundle', () => manifestBundle],
  ])('turns any record into tensors or a DataError: %s', async (_kind, bundle) => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 3 }), async (records) => {
        try {
          tf.dispose(Object.values(await decodeHealthcareRecords(records as Record<string, unknown>[], bundle(), dir)));
        } catch (error) {
          if (!(error instanceof DataError)) throw new Error(`not a DataError: ${(error as Error).stack ?? String(error)}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('decodes good records of both kinds', async () => {
    const xs = await decodeHealthcareRecords([{ image: 'xray.png' }], xrayBundle, dir);
    expect(xs.xray.shape).toEqual([1, 28, 28, 1]);
    expect(xs.xray.max().dataSync()[0]).toBeCloseTo(90 / 255, 5);
    const table = await decodeHealthcareRecords([{ wbc: 6, crp: '10', image: 'xray.png' }], manifestBundle, dir);
    expect([table.labs.shape, table.xray.shape]).toEqual([[1, 2], [1, 28, 28, 1]]);
    tf.dispose([...Object.values(xs), ...Object.values(table)]);
  });
});
