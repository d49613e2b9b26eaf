import { runCommand } from '@mimo/app-kit/testing';
import { Bundle, encoderLayerNames, loadBundle } from '@mimo/core';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { generateCohort } from '../cohort/generate-cohort';
import { healthcareApp } from '../index';
import { pretrainedXrayInput } from './pretrained-xray';
import { TransferRecord } from './run-transfer';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-healthcare-transfer-'));
const manifest = path.join(dir, 'cohort', 'manifest.csv');
const source = path.join(dir, 'source');
const run = (command: string, args: string[]) => runCommand(healthcareApp.commands[command], args);
const tiny = ['--data', manifest, '--batch-size', '16', '--tiny'];

/** The weights of the xray encoder's layers in a bundle, as plain numbers. */
const xrayWeights = (bundle: Bundle) => encoderLayerNames('xray', bundle.spec.inputs.xray).map((name) => bundle.model.getLayer(name).getWeights().map((w) => Array.from(w.dataSync())));

async function withBundle<T>(bundleDir: string, read: (bundle: Bundle) => T): Promise<T> {
  const bundle = await loadBundle(bundleDir);
  try {
    return read(bundle);
  } finally {
    bundle.model.dispose();
  }
}

beforeAll(async () => {
  await generateCohort({ out: path.dirname(manifest), patients: 80, seed: 7, procedural: true });
  // The "pretrained" source: an image-only model (in the real run, PneumoniaMNIST's).
  const trained = await run('train', [...tiny, '--inputs', 'xray', '--epochs', '2', '--out', source]);
  expect(trained.code).toBe(0);
});

describe('mimo healthcare transfer: frozen → fine-tuned → scratch', () => {
  const out = path.join(dir, 'transfer');
  let record: TransferRecord;

  beforeAll(async () => {
    const result = await run('transfer', [...tiny, '--source', source, '--out', out, '--epochs', '2', '--fine-tune-epochs', '2', '--seeds', '3']);
    expect(result.err).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    record = JSON.parse(readFileSync(path.join(out, 'transfer.json'), 'utf8'));
  });

  it('records every run with its test metrics, and a summary per stage', () => {
    expect(record.runs.map((r) => `${r.seed}/${r.stage}`)).toEqual(['3/frozen', '3/fine_tuned', '3/scratch']);
    expect(record).toMatchObject({ head: 'outcome', data: 'default cohort', seeds: [3], source: { dir: source, data: 'default cohort' } });
    for (const stage of ['frozen', 'fine_tuned', 'scratch'] as const) expect(record.summary[stage].auc).toEqual({ mean: expect.any(Number), std: 0 });
  });

  it('shows the three runs in the report', async () => {
    const docs = path.join(dir, 'docs');
    expect((await run('report', ['--out', docs, '--runs', dir])).code).toBe(0);
    const page = readFileSync(path.join(docs, 'healthcare.md'), 'utf8');
    expect(page).toContain(`Encoder pretrained on ${source} (default cohort, train `);
    for (const label of ['pretrained encoder, frozen', 'then fine-tuned (all layers, rate 0.0002)', 'same architecture from scratch']) {
      expect(page).toMatch(new RegExp(`\\| ${label.replace(/[()]/g, '\\$&')} \\| 1 \\| \\d+ \\| 0\\.\\d{3} ± 0\\.000 \\|`));
    }
  });

  it('loads the pretrained encoder and keeps it unchanged while frozen', async () => {
    const pretrained = await withBundle(source, xrayWeights);
    expect(await withBundle(path.join(out, 'seed-3', 'frozen'), xrayWeights)).toEqual(pretrained);
  });

  it('changes the encoder when fine-tuned, starting from the frozen run', async () => {
    const [pretrained, tuned, scratch] = await Promise.all([source, path.join(out, 'seed-3', 'fine_tuned'), path.join(out, 'seed-3', 'scratch')].map((d) => withBundle(d, xrayWeights)));
    expect(tuned).not.toEqual(pretrained);
    // Fine-tuning moved the weights a little (a tenth of the rate), scratch is elsewhere entirely.
    const distance = (a: number[][][], b: number[][][]) => {
      const [x, y] = [a.flat(2), b.flat(2)];
      return Math.sqrt(x.reduce((s, v, i) => s + (v - y[i]) ** 2, 0));
    };
    expect(distance(tuned, pretrained)).toBeLessThan(distance(scratch, pretrained));
  });

  it('rejects a source bundle without an image encoder, naming it', async () => {
    const labsOnly = path.join(dir, 'labs-only');
    expect((await run('train', [...tiny, '--inputs', 'labs', '--epochs', '1', '--out', labsOnly])).code).toBe(0);
    const result = await run('transfer', [...tiny, '--source', labsOnly, '--out', path.join(dir, 'never')]);
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining(`--source ${labsOnly}: expected a bundle with an image input 'xray' (a PneumoniaMNIST model), received inputs: labs`) });
  });

  it('rejects a source folder without a bundle, saying how to pretrain one', async () => {
    const result = await run('transfer', [...tiny, '--source', path.join(dir, 'nothing'), '--out', path.join(dir, 'never')]);
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining('no bundle there; pretrain one first: npx mimo healthcare train --data pneumoniamnist') });
  });

  it('rejects a source encoder for images of another size', async () => {
    const bundle = await loadBundle(source);
    const data = { card: { name: 'big images' }, inputs: { xray: { kind: 'image', height: 64, width: 64, channels: 1 } } } as never;
    expect(() => pretrainedXrayInput(bundle, source, data)).toThrow(`--source ${source}: its xray encoder takes 28×28×1 images, the data (big images) have 64×64×1`);
    bundle.model.dispose();
  });
});
