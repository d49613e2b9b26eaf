import { PreparedData, prepareTable } from '@mimo/app-kit';
import { stratifiedSplit } from '@mimo/data';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { readManifest } from '../manifest/read-manifest';

/** What the cohort's `cohort.json` says (written by the generator); absent for a user's own manifest. */
function cohortCard(file: string): { real: string[]; simulated: string[]; name: string } {
  const meta = path.join(path.dirname(file), 'cohort.json');
  if (!existsSync(meta)) return { name: `cohort ${path.basename(file)}`, real: [`everything in ${file} as provided by the user`], simulated: [] };
  const cohort = JSON.parse(readFileSync(meta, 'utf8')) as { images: string; imageSource: string; seed: number };
  return {
    name: 'default cohort',
    real: cohort.images === 'real' ? [`chest X-ray images: ${cohort.imageSource}`] : [],
    simulated: [
      `lab values (age, temperature, wbc, crp, spo2): drawn per patient conditional on the outcome, seed ${cohort.seed}; effect sizes in cohort.json and docs/healthcare.md`,
      'outcome: drawn per patient (45 % pneumonia); severity: a rule on outcome, SpO2 and CRP',
      ...(cohort.images === 'real' ? ['the pairing of an image with a patient (by label only)'] : [`chest X-ray images: ${cohort.imageSource}`]),
    ],
  };
}

/** A manifest → stratified 70 / 15 / 15 split by outcome → TablePreprocessor fitted on train (or restored) → tensors. */
export async function prepareCohort(file: string, options: { seed: number; preprocessing?: unknown; tiny?: boolean }): Promise<PreparedData> {
  const manifest = await readManifest(file);
  const rows = options.tiny ? manifest.rows.slice(0, 120) : manifest.rows;
  const split = stratifiedSplit(rows.map((row) => String(row.outcome)), { fractions: { train: 0.7, val: 0.15, test: 0.15 }, seed: options.seed });
  if (split.train.length === 0 || split.test.length === 0) throw new Error(`${file}: too few patients (${rows.length}) to split into train / val / test`);
  const prepared = await prepareTable(rows, manifest.schema, split, options.preprocessing);
  const card = cohortCard(file);
  return { ...prepared, card: { ...card, source: path.resolve(file) } };
}
