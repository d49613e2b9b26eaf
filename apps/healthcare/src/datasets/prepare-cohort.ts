import { PreparedData } from '@mimo/app-kit';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { readManifest } from '../manifest/read-manifest';
import { HealthcareTable, prepareStratified } from './healthcare-table';

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

/** A manifest as a table (`tiny`: its first 120 patients), label `outcome`. */
export async function loadCohortTable(file: string, tiny?: boolean): Promise<HealthcareTable> {
  const manifest = await readManifest(file);
  return { rows: tiny ? manifest.rows.slice(0, 120) : manifest.rows, schema: manifest.schema, label: 'outcome', card: { ...cohortCard(file), source: path.resolve(file) } };
}

/** A manifest → stratified 70 / 15 / 15 split by outcome → TablePreprocessor fitted on train (or restored) → tensors. */
export async function prepareCohort(file: string, options: { seed: number; preprocessing?: unknown; tiny?: boolean }): Promise<PreparedData> {
  return prepareStratified(await loadCohortTable(file, options.tiny), options);
}
