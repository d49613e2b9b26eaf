import { TrainingData } from '@mimo/core';
import { Row, selectRows, SplitIndices, TablePreprocessor, TableSchemaInput } from '@mimo/data';

export interface PreparedTable {
  train: TrainingData;
  val: TrainingData;
  test: TrainingData;
  inputs: ReturnType<TablePreprocessor['inputSpecs']>;
  heads: ReturnType<TablePreprocessor['headShapes']>;
  classes: Record<string, string[]>;
  preprocessor: TablePreprocessor;
  preprocessing: unknown;
}

/**
 * Rows + schema + split → tensors for the trainer. The preprocessing is fitted on the training rows only (or
 * restored from a bundle's `preprocessing` and not fitted), then applied to every split. `baseDir` is not
 * needed: image paths in rows are already resolved by `readTable`.
 */
export async function prepareTable(rows: readonly Row[], schema: TableSchemaInput, split: SplitIndices, preprocessing?: unknown): Promise<PreparedTable> {
  const preprocessor = preprocessing === undefined ? await TablePreprocessor.create(schema).fit(selectRows(rows, split.train)) : TablePreprocessor.fromJSON(preprocessing);
  const parts = await Promise.all([split.train, split.val, split.test].map((indices) => preprocessor.transform(selectRows(rows, indices))));
  return { train: parts[0], val: parts[1], test: parts[2], inputs: preprocessor.inputSpecs(), heads: preprocessor.headShapes(), classes: preprocessor.headClasses(), preprocessor, preprocessing: preprocessor.toJSON() };
}
