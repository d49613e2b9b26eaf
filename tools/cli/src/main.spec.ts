import { buildModel, parseModelSpec, referenceSpec, saveBundle } from '@mimo/core';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pendingCommands } from '@mimo/core/internal';
import { apps } from './apps';
import { main, takeBackendFlag } from './main';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('mimo CLI', () => {
  it('lists the ten reference models with inputs, outputs and parameter counts', async () => {
    const { code, out, err } = await run(['models', '--backend', 'wasm']);
    expect(code).toBe(0);
    expect(err).toMatch(/backend: wasm/);
    const rows = out.split('\n').filter((line) => /^\w+\s+\w+:\w+\[.*\s\d+$/.test(line));
    expect(rows).toHaveLength(10);
    expect(out).toMatch(/healthcare_labs_image\s+labs:numeric\[5\] xray:image\[28×28×1\]\s+outcome:binary\s+\d+/);
  });

  it('checks a model end to end and reports it', async () => {
    const { code, out } = await run(['models', '--check', '--only', 'shared_multitask', '--steps', '2', '--backend', 'wasm']);
    expect(code).toBe(0);
    expect(out).toMatch(/ok\s+shared_multitask\s+\d+\s+[\d.]+ → [\d.]+\s+0\s/);
    expect(out).toContain('1 passed, 0 failed');
  });

  it('rejects unknown models, commands and flags with exit code 2', async () => {
    expect(await run(['models', '--only', 'nope', '--backend', 'wasm'])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown model(s): nope. Known: numeric_categorical") });
    expect(await run(['fly'])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown command 'fly'") });
    expect(await run(['models', '--steps', '0', '--check', '--backend', 'wasm'])).toMatchObject({ code: 2, err: expect.stringContaining('--steps expects a positive integer') });
  });

  it('explains mimo bench and rejects a bad profile or config with exit code 2', async () => {
    expect(await run(['bench', '--help'])).toMatchObject({ code: 0, out: expect.stringContaining('mimo bench [--config FILE]') });
    expect(await run(['bench', '--profile', 'slow'])).toMatchObject({ code: 2, err: expect.stringContaining('--profile') });
    expect(await run(['bench', '--config', 'no-such-bench.json'])).toMatchObject({ code: 2, err: expect.stringContaining('no-such-bench.json: cannot read the bench config (ENOENT)') });
  });

  it('says plainly which app commands are not built yet', async () => {
    const pending = pendingCommands('demo', 'Some issue');
    let err = '';
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    try {
      expect(await pending.train.run([])).toBe(2);
    } finally {
      stderr.mockRestore();
    }
    expect(err).toContain('mimo demo train: not built yet; it is planned in "Some issue"');
  });

  it('runs app commands built on the app kit, with flag errors as exit code 2', async () => {
    expect(await run(['healthcare', 'train', '--epochs', 'x', '--backend', 'wasm'])).toMatchObject({ code: 2, err: expect.stringContaining('mimo healthcare train: --epochs expects an integer') });
  });

  it('prints an app spec with its parameter count', async () => {
    const { code, out } = await run(['finance', 'spec', '--backend', 'wasm']);
    expect(code).toBe(0);
    expect(out).toMatch(/finance_prices_sentiment: \d+ parameters/);
  });

  it('verifies a bundle against its manifest: ok, corrupt (exit 1), usage (exit 2)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mimo-cli-verify-'));
    try {
      const spec = parseModelSpec(referenceSpec('shared_multitask'));
      await saveBundle(dir, { model: buildModel(spec), spec });
      expect(await run(['bundle', 'verify', dir])).toMatchObject({ code: 0, out: expect.stringContaining(`${dir}: ok (4 files match the manifest: model.json, weights.bin, spec.json, card.json)`) });
      const weights = path.join(dir, 'weights.bin');
      writeFileSync(weights, Buffer.alloc(statSync(weights).size));
      expect(await run(['bundle', 'verify', dir])).toMatchObject({ code: 1, out: `${dir}: CORRUPT\n  - ${weights}: its SHA-256 differs from the manifest's (the file is corrupt or was changed after saving)\n` });
      expect(await run(['bundle', 'verify'])).toMatchObject({ code: 2, err: expect.stringContaining('Usage: mimo bundle verify DIR') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('helps with typos and usage: did you mean, --help without tensors, an unknown backend is exit 2', async () => {
    expect(await run(['modles'])).toMatchObject({ code: 2, err: expect.stringContaining(`Unknown command 'modles'. Did you mean "models"?`) });
    expect(await run(['finance', 'trian'])).toMatchObject({ code: 2, err: expect.stringContaining(`Unknown command 'trian' for finance. Did you mean "train"?`) });
    const help = await run(['finance', 'train', '--help']);
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toContain('--resume');
    expect(await run(['models', '--backend', 'tpu'])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown backend 'tpu'") });
  });

  it('reads --backend anywhere in the arguments', () => {
    expect(takeBackendFlag(['models', '--backend', 'wasm', '--check'])).toEqual({ backend: 'wasm', rest: ['models', '--check'] });
    expect(takeBackendFlag(['--backend=cpu', 'doctor'])).toEqual({ backend: 'cpu', rest: ['doctor'] });
  });
});

describe.each(Object.values(apps))('app $name', (entry) => {
  it('loads with the name and summary the CLI lists, and builds its spec with the named inputs and heads', async () => {
    const app = await entry.load();
    expect(app).toMatchObject({ name: entry.name, summary: entry.summary });
    const spec = parseModelSpec(app.spec);
    const model = buildModel(spec);
    expect(model.inputNames).toEqual(Object.keys(spec.inputs));
    expect(model.outputNames).toEqual(Object.keys(spec.heads));
    model.dispose();
  });
});
