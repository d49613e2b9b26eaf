import * as path from 'path';
import { TableSchemaInput } from '../tabular/table-schema';
import { datasetPath } from './datasets-dir';
import { readDatasetFile, TabularDataset } from './tabular-dataset';

const MEASURES = ['radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity', 'concave points', 'symmetry', 'fractal_dimension'];

/** The 30 feature columns of data.csv: each measure's mean, standard error and worst value. */
export const WDBC_FEATURES = ['mean', 'se', 'worst'].flatMap((stat) => MEASURES.map((measure) => `${measure}_${stat}`));

/** 30 standardised features → input `features`; diagnosis M (malignant) = 1 / B = 0 → head `diagnosis`; `id` kept raw. */
export const WDBC_SCHEMA: TableSchemaInput = {
  columns: {
    diagnosis: { type: 'label', task: 'binary', positive: 'M' },
    ...Object.fromEntries(WDBC_FEATURES.map((name) => [name, { type: 'numeric', input: 'features' } as const])),
  },
};

/** Wisconsin Diagnostic Breast Cancer: 569 rows, 212 M / 357 B (`wdbc/data.csv`). */
export async function loadWdbc(options: { dir?: string } = {}): Promise<TabularDataset> {
  return readDatasetFile('wdbc', path.join(datasetPath('wdbc', options.dir), 'data.csv'), WDBC_SCHEMA);
}
