import { PreparedData } from '@mimo/app-kit';
import { loadWdbc, WDBC_FEATURES } from '@mimo/data';
import { HealthcareTable, prepareStratified } from './healthcare-table';

/** WDBC's 30 features as the labs input, diagnosis (M = 1) as the outcome head. */
export const WDBC_LABS_SCHEMA = {
  columns: {
    ...Object.fromEntries(WDBC_FEATURES.map((name) => [name, { type: 'numeric', input: 'labs' } as const])),
    diagnosis: { type: 'label', task: 'binary', positive: 'M' } as const,
  },
};

/** WDBC rows (a folder holding data.csv) as a table: labs-only, label `diagnosis`. */
export async function loadWdbcTable(source: string): Promise<HealthcareTable> {
  const dataset = await loadWdbc({ dir: source });
  return {
    rows: dataset.data,
    schema: WDBC_LABS_SCHEMA,
    label: 'diagnosis',
    card: { name: 'WDBC', source: dataset.files[0], real: ['all 569 rows: 30 cell-nucleus features and the diagnosis (UCI)'], simulated: [] },
  };
}

/** WDBC → stratified split → labs-only tensors; head `diagnosis`. */
export async function prepareWdbc(source: string, options: { seed: number; preprocessing?: unknown }): Promise<PreparedData> {
  return prepareStratified(await loadWdbcTable(source), options);
}
