import { runCommand } from '@mimo/app-kit/testing';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { generateCohort } from '../cohort/generate-cohort';
import { healthcareApp } from '../index';
import { CrossValidationResult } from './cross-validate';
import { summarizeFolds } from './fold-summary';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-healthcare-cv-'));
const run = (args: string[]) => runCommand(healthcareApp.commands.cv, args);

describe('summarizeFolds', () => {
  it('gives the mean and the sample standard deviation of each metric', () => {
    const summary = summarizeFolds([{ accuracy: 0.9, auc: 1 }, { accuracy: 0.8, auc: 1 }, { accuracy: 1, auc: 1 }]);
    expect(summary.accuracy.mean).toBeCloseTo(0.9, 12);
    expect(summary.accuracy.std).toBeCloseTo(0.1, 12);
    expect(summary.auc).toEqual({ mean: 1, std: 0 });
  });
});

describe('mimo healthcare cv', () => {
  const manifest = path.join(dir, 'cohort', 'manifest.csv');

  beforeAll(async () => {
    await generateCohort({ out: path.dirname(manifest), patients: 60, seed: 4, procedural: true });
  });

  it('tests every row exactly once across stratified folds and summarises them', async () => {
    const out = path.join(dir, 'cv.json');
    const result = await run(['--data', manifest, '--folds', '3', '--epochs', '1', '--batch-size', '16', '--out', out]);
    expect(result.err).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const cv = JSON.parse(readFileSync(out, 'utf8')) as CrossValidationResult;
    expect(cv).toMatchObject({ data: 'default cohort', head: 'outcome', folds: 3 });
    expect(cv.runs.map((r) => r.fold)).toEqual([1, 2, 3]);
    expect(cv.runs.reduce((s, r) => s + r.n.test, 0)).toBe(60);
    for (const r of cv.runs) expect(r.n.train + r.n.val + r.n.test).toBe(60);
    const accuracies = cv.runs.map((r) => r.test.accuracy);
    expect(cv.summary.accuracy.mean).toBeCloseTo(accuracies.reduce((s, v) => s + v, 0) / 3, 12);
    expect(JSON.parse(result.out)).toMatchObject({ file: out, folds: 3, summary: { auc: { mean: expect.any(Number), std: expect.any(Number) } } });
  });

  it('refuses fewer than two folds', async () => {
    const result = await run(['--data', manifest, '--folds', '1']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--folds/);
  });
});
