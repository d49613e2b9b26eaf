import { PrepareOptions, PreparedData } from '@mimo/app-kit';
import { existsSync } from 'fs';
import * as path from 'path';
import { DEFAULT_COHORT_DIR, generateCohort } from '../cohort/generate-cohort';
import { prepareCohort } from './prepare-cohort';
import { preparePneumoniaMnist } from './prepare-pneumoniamnist';
import { prepareWdbc } from './prepare-wdbc';
import { HealthcareSource, resolveHealthcareData } from './resolve-data';

/** The default cohort's manifest; generated (seed 42) on first use when absent. */
export const DEFAULT_MANIFEST = path.join(DEFAULT_COHORT_DIR, 'manifest.csv');

const stderrLine = (line: string) => process.stderr.write(`${line}\n`);

/** `--data` → its source; without `--data` the default cohort, generated (seed 42) on first use. */
export async function healthcareSource(data: string | undefined, log: (line: string) => void = stderrLine): Promise<HealthcareSource> {
  if (data === undefined && !existsSync(DEFAULT_MANIFEST)) {
    const summary = await generateCohort();
    log(`generated the default cohort: ${summary.patients} patients (${summary.pneumonia} pneumonia), images ${summary.images}, in ${DEFAULT_COHORT_DIR}`);
  }
  return resolveHealthcareData(data ?? DEFAULT_MANIFEST);
}

/** `--data` (default: the default cohort, generated if absent) → prepared tensors. */
export async function prepareHealthcare(options: PrepareOptions, log: (line: string) => void = stderrLine): Promise<PreparedData> {
  const source = await healthcareSource(options.data, log);
  if (source.kind === 'cohort') return prepareCohort(source.file, options);
  if (source.kind === 'wdbc') return prepareWdbc(source.dir, options);
  return preparePneumoniaMnist(source.source, options);
}
