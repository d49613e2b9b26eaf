import { PreparedData, prepareTable } from '@mimo/app-kit';
import { loadWdbc, stratifiedSplit, WDBC_FEATURES } from '@mimo/data';

/** WDBC's 30 features as the labs input, diagnosis (M = 1) as the outcome head. */
export const WDBC_LABS_SCHEMA = {
  columns: {
    ...Object.fromEntries(WDBC_FEATURES.map((name) => [name, { type: 'numeric', input: 'labs' } as const])),
    diagnosis: { type: 'label', task: 'binary', positive: 'M' } as const,
  },
};

/** WDBC rows (a folder holding data.csv) → stratified split → labs-only tensors; head `diagnosis`. */
export async function prepareWdbc(source: string, options: { seed: number; preprocessing?: unknown; tiny?: boolean }): Promise<PreparedData> {
  const dataset = await loadWdbc({ dir: source });
  const rows = dataset.data;
  const split = stratifiedSplit(rows.map((r) => String(r.diagnosis)), { fractions: { train: 0.7, val: 0.15, test: 0.15 }, seed: options.seed });
  const prepared = await prepareTable(rows, WDBC_LABS_SCHEMA, split, options.preprocessing);
  return { ...prepared, card: { name: 'WDBC', source: dataset.files[0], real: ['all 569 rows: 30 cell-nucleus features and the diagnosis (UCI)'], simulated: [] } };
}
