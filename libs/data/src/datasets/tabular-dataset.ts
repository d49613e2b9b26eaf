import { readTable } from '../tabular/read-table';
import { Row } from '../tabular/row';
import { TableSchema, TableSchemaInput } from '../tabular/table-schema';

/** A real data set read into rows, with the schema that turns them into model inputs and heads. */
export interface TabularDataset {
  name: string;
  data: Row[];
  /** Build the preprocessor with `TablePreprocessor.create(dataset.schema)`. */
  schema: TableSchema;
  files: string[];
  /** Bad rows skipped while reading (only loaders that allow it skip any). */
  skipped: number;
}

/** Reads one CSV file of a data set. */
export async function readDatasetFile(name: string, file: string, schema: TableSchemaInput, skipBadRows = false): Promise<TabularDataset> {
  const table = await readTable(file, schema, { skipBadRows });
  return { name, data: table.data, schema: table.schema, files: [file], skipped: table.skipped };
}
