import { runCommand } from '@mimo/app-kit/testing';
import { healthcareApp } from './index';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { generateCohort } from './cohort/generate-cohort';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-healthcare-'));

const run = (command: string, args: string[]) => runCommand(healthcareApp.commands[command], args);

describe('mimo healthcare: train → evaluate → predict on a tiny cohort', () => {
  const cohort = path.join(dir, 'cohort');
  const bundle = path.join(dir, 'bundle');

  beforeAll(async () => {
    await generateCohort({ out: cohort, patients: 80, seed: 5, procedural: true });
  });

  it('trains the fused model on a manifest and saves a bundle with its card', async () => {
    const result = await run('train', ['--data', path.join(cohort, 'manifest.csv'), '--out', bundle, '--epochs', '2', '--batch-size', '16', '--tiny']);
    expect(result.err).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const card = JSON.parse(readFileSync(path.join(bundle, 'card.json'), 'utf8'));
    expect(card).toMatchObject({ app: 'healthcare', inputs: ['labs', 'xray'], heads: { outcome: 'binary', severity: 'multiclass' }, data: { name: 'default cohort' } });
    expect(card.data.simulated.join(' ')).toMatch(/lab values/);
    expect(card.data.simulated.join(' ')).toMatch(/procedurally drawn/);
    expect(card.metrics.test.outcome).toHaveProperty('auc');
  });

  it('evaluates the bundle and writes the JSON report', async () => {
    const json = path.join(dir, 'metrics.json');
    const result = await run('evaluate', ['--model', bundle, '--json', json]);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ dataset: 'default cohort', n: expect.any(Number), heads: { outcome: { auc: expect.any(Number) }, severity: { accuracy: expect.any(Number) } } });
  });

  it('predicts records with lab values and image paths relative to the input file', async () => {
    const input = path.join(cohort, 'new-patients.jsonl');
    writeFileSync(input, '{"age": 70, "temperature": 38.5, "wbc": 14, "crp": 90, "spo2": 90, "image": "images/p0001.png"}\n');
    const result = await run('predict', ['--model', bundle, '--input', input]);
    expect(result.code).toBe(0);
    const prediction = JSON.parse(result.out);
    expect(prediction.outcome).toEqual({ class: expect.stringMatching(/^(normal|pneumonia)$/), probability: expect.any(Number) });
    expect(Object.keys(prediction.severity.probabilities).sort()).toEqual(['mild', 'moderate', 'severe']);
  });

  it('chooses a decision threshold on the validation split and saves it in the bundle', async () => {
    const result = await run('threshold', ['--model', bundle]);
    expect(result.code).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(bundle, 'threshold.json'), 'utf8'));
    expect(saved).toEqual(JSON.parse(result.out));
    expect(saved).toMatchObject({ head: 'outcome', chosenOn: 'val', val: { default: { threshold: 0.5 } }, test: { chosen: { threshold: saved.threshold } } });
    // The chosen threshold is the best on val by Youden's J, so never worse there than 0.5.
    const j = (m: { recall: number; specificity: number }) => m.recall + m.specificity;
    expect(j(saved.val.chosen)).toBeGreaterThanOrEqual(j(saved.val.default));
  });

  it('writes the report page with tables and SVG + PNG charts from the bundles and the cv records', async () => {
    const cv = await run('cv', ['--data', path.join(cohort, 'manifest.csv'), '--folds', '2', '--epochs', '1', '--tiny', '--out', path.join(dir, 'cv', 'cohort.json')]);
    expect(cv.code).toBe(0);
    const docs = path.join(dir, 'docs');
    const result = await run('report', ['--out', docs, '--runs', dir]);
    expect(result.code).toBe(0);
    const page = readFileSync(path.join(docs, 'healthcare.md'), 'utf8');
    expect(page).toMatch(/\| bundle \| default cohort \| labs \+ xray \|/);
    expect(page).toContain('| default cohort: fused AUC above labs-only and image-only |');
    expect(page).toMatch(/## Decision threshold[\s\S]*\| bundle \| 0\.\d{3} \(val\) \|/);
    expect(page).toMatch(/## Cross-validation[\s\S]*\| default cohort \| 2 \(stratified\) \| 80 \| 0\.\d{3} ± 0\.\d{3} \|/);
    for (const chart of ['bundle-learning', 'roc-default-cohort']) {
      expect(existsSync(path.join(docs, 'healthcare', `${chart}.svg`))).toBe(true);
      expect(existsSync(path.join(docs, 'healthcare', `${chart}.png`))).toBe(true);
    }
  });
});

describe('bad manifests fail clearly', () => {
  const cohort = path.join(dir, 'bad');

  beforeAll(async () => {
    await generateCohort({ out: cohort, patients: 20, seed: 1, procedural: true });
  });

  const manifest = (name: string, edit: (lines: string[]) => string[]) => {
    const lines = readFileSync(path.join(cohort, 'manifest.csv'), 'utf8').trim().split('\n');
    const file = path.join(cohort, name);
    writeFileSync(file, `${edit(lines).join('\n')}\n`);
    return file;
  };

  it.each([
    ['a lab value that is not a number', (l: string[]) => [l[0], l[1].replace(/^(p\d+),\d+/, '$1,old'), ...l.slice(2)], /\.csv:2: column "age": expected a finite number, received "old"/],
    ['a missing image file', (l: string[]) => [l[0], l[1].replace('images/p0001.png', 'images/nope.png'), ...l.slice(2)], /1 image file\(s\) not found: line 2: .*nope\.png/],
    ['no outcome column', (l: string[]) => l.map((line) => line.split(',').slice(0, 7).join(',')), /expected a 'outcome' column, received the columns: patient_id, age/],
  ])('%s', async (_, edit, message) => {
    const file = manifest(`m${Math.random().toString(36).slice(2)}.csv`, edit);
    const result = await run('train', ['--data', file, '--out', path.join(dir, 'never'), '--epochs', '1']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(existsSync(path.join(dir, 'never'))).toBe(false);
  });

  it('rejects a --data path that is not there', async () => {
    const result = await run('train', ['--data', path.join(dir, 'missing.csv')]);
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining('missing.csv does not exist') });
  });
});
