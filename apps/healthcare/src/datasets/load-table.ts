import { HealthcareTable } from './healthcare-table';
import { loadCohortTable } from './prepare-cohort';
import { healthcareSource } from './prepare-healthcare';
import { loadWdbcTable } from './prepare-wdbc';

/** `--data` (default: the default cohort) as a table; PneumoniaMNIST is not one (it has official image splits). */
export async function loadHealthcareTable(data: string | undefined, tiny: boolean): Promise<HealthcareTable> {
  const source = await healthcareSource(data);
  if (source.kind === 'cohort') return loadCohortTable(source.file, tiny);
  if (source.kind === 'wdbc') return loadWdbcTable(source.dir);
  throw new Error(`--data: ${source.source} is PneumoniaMNIST, an image set with official splits; cross-validation needs a table (a manifest .csv or WDBC)`);
}
