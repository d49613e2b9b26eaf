import { SeededRandom } from '@mimo/core';
import { promises as fs } from 'fs';
import * as path from 'path';
import sharp from 'sharp';
import { LAB_PARAMS, PNEUMONIA_RATE, severityOf } from './cohort-params';
import { drawXray } from './draw-xray';
import { createXraySource } from './xray-source';

export interface GenerateCohortOptions {
  /** Output folder. Defaults to `out/healthcare/cohort` (generated data stays out of the repository's files). */
  out?: string;
  /** Patients. Defaults to 600. */
  patients?: number;
  /** Defaults to 42. */
  seed?: number;
  /** The PneumoniaMNIST folder (else `$MIMO_DATASETS/pneumoniamnist` or `../shared/datasets/pneumoniamnist`). */
  pneumoniaMnistDir?: string;
  /** Force procedural images even when PneumoniaMNIST is present. */
  procedural?: boolean;
}

export interface CohortSummary {
  manifest: string;
  patients: number;
  pneumonia: number;
  images: 'real' | 'procedural';
  imageSource: string;
  seed: number;
}

export const DEFAULT_COHORT_DIR = path.join('out', 'healthcare', 'cohort');

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * Writes the default cohort in the format users bring: `manifest.csv` (patient_id, lab columns, image,
 * outcome, severity), `images/<id>.png` (28×28 grey), and `cohort.json` (what is real and what simulated).
 * Labs are simulated conditional on the outcome (`LAB_PARAMS`); images are real PneumoniaMNIST images of the
 * patient's label when available. Same seed → same files.
 */
export async function generateCohort(options: GenerateCohortOptions = {}): Promise<CohortSummary> {
  const out = options.out ?? DEFAULT_COHORT_DIR;
  const seed = options.seed ?? 42;
  const patients = options.patients ?? 600;
  const rng = new SeededRandom(seed);
  const xrays = options.procedural ? { kind: 'procedural' as const, description: 'procedurally drawn 28×28 images (drawXray)', take: (p: boolean) => drawXray(p, rng) } : await createXraySource(new SeededRandom(seed + 1), options.pneumoniaMnistDir);
  await fs.mkdir(path.join(out, 'images'), { recursive: true });
  const labs = Object.keys(LAB_PARAMS);
  const lines = [['patient_id', ...labs, 'image', 'outcome', 'severity'].join(',')];
  let positives = 0;
  for (let i = 0; i < patients; i++) {
    const pneumonia = rng.next() < PNEUMONIA_RATE;
    positives += pneumonia ? 1 : 0;
    const values = Object.fromEntries(
      labs.map((lab) => {
        const p = LAB_PARAMS[lab];
        const { mean, sd } = pneumonia ? p.pneumonia : p.normal;
        return [lab, round(Math.min(p.range[1], Math.max(p.range[0], mean + sd * rng.normal())), p.decimals)];
      }),
    );
    const id = `p${String(i + 1).padStart(4, '0')}`;
    const image = `images/${id}.png`;
    await sharp(Buffer.from(xrays.take(pneumonia)), { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(path.join(out, image));
    lines.push([id, ...labs.map((lab) => values[lab]), image, pneumonia ? 'pneumonia' : 'normal', severityOf(pneumonia, values)].join(','));
  }
  const manifest = path.join(out, 'manifest.csv');
  await fs.writeFile(manifest, `${lines.join('\n')}\n`);
  const summary: CohortSummary = { manifest, patients, pneumonia: positives, images: xrays.kind, imageSource: xrays.description, seed };
  await fs.writeFile(path.join(out, 'cohort.json'), `${JSON.stringify({ ...summary, labs: LAB_PARAMS, pneumoniaRate: PNEUMONIA_RATE, severity: 'mild without pneumonia; with pneumonia severe when SpO2 < 94 or CRP > 50, else moderate' }, null, 2)}\n`);
  return summary;
}
