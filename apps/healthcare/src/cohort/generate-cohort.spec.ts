import { SeededRandom } from '@mimo/core';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { severityOf } from './cohort-params';
import { drawXray } from './draw-xray';
import { generateCohort } from './generate-cohort';

describe('generateCohort', () => {
  it('writes the same manifest for the same seed, with labs shifted by the outcome', async () => {
    const [a, b] = [mkdtempSync(path.join(tmpdir(), 'cohort-a-')), mkdtempSync(path.join(tmpdir(), 'cohort-b-'))];
    const summary = await generateCohort({ out: a, patients: 200, seed: 3, procedural: true });
    await generateCohort({ out: b, patients: 200, seed: 3, procedural: true });
    const text = readFileSync(path.join(a, 'manifest.csv'), 'utf8');
    expect(readFileSync(path.join(b, 'manifest.csv'), 'utf8')).toBe(text);
    expect(summary).toMatchObject({ patients: 200, images: 'procedural' });
    const rows = text.trim().split('\n').slice(1).map((line) => line.split(','));
    const meanWbc = (outcome: string) => {
      const values = rows.filter((r) => r[7] === outcome).map((r) => Number(r[3]));
      return values.reduce((s, v) => s + v, 0) / values.length;
    };
    expect(meanWbc('pneumonia') - meanWbc('normal')).toBeGreaterThan(0.5);
    expect(JSON.parse(readFileSync(path.join(a, 'cohort.json'), 'utf8'))).toMatchObject({ images: 'procedural', seed: 3 });
  });

  it('draws brighter lungs with pneumonia, and severity follows its rule', () => {
    const mean = (pixels: Uint8Array) => pixels.reduce((s, v) => s + v, 0) / pixels.length;
    const [normal, pneumonia] = [false, true].map((p) => mean(drawXray(p, new SeededRandom(1))));
    expect(pneumonia).toBeGreaterThan(normal);
    expect(severityOf(false, { spo2: 80, crp: 100 })).toBe('mild');
    expect(severityOf(true, { spo2: 97, crp: 10 })).toBe('moderate');
    expect(severityOf(true, { spo2: 92, crp: 10 })).toBe('severe');
  });
});
