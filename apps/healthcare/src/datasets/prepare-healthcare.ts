import { PrepareOptions, PreparedData } from '@mimo/app-kit';
import { existsSync } from 'fs';
import * as path from 'path';
import { DEFAULT_COHORT_DIR, generateCohort } from '../cohort/generate-cohort';
import { prepareCohort } from './prepare-cohort';
import { preparePneumoniaMnist } from './prepare-pneumoniamnist';
import { prepareWdbc } from './prepare-wdbc';
import { resolveHealthcareData } from './resolve-data';

/** The default cohort's manifest; generated (seed 42) on first use when absent. */
export const DEFAULT_MANIFEST = path.join(DEFAULT_COHORT_DIR, 'manifest.csv');

/** `--data` (default: the default cohort, generated if absent) → prepared tensors. */
export async function prepareHealthcare(options: PrepareOptions, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<PreparedData> {
  if (options.data === undefined && !existsSync(DEFAULT_MANIFEST)) {
    const summary = await generateCohort();
    log(`generated the default cohort: ${summary.patients} patients (${summary.pneumonia} pneumonia), images ${summary.images}, in ${DEFAULT_COHORT_DIR}`);
  }
  const source = resolveHealthcareData(options.data ?? DEFAULT_MANIFEST);
  if (source.kind === 'cohort') return prepareCohort(source.file, options);
  if (source.kind === 'wdbc') return prepareWdbc(source.dir, options);
  return preparePneumoniaMnist(source.source, options);
}
