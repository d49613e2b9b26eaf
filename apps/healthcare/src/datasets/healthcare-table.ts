import { DataCard, PreparedData, prepareTable } from '@mimo/app-kit';
import { Row, SplitIndices, stratifiedSplit, TableSchemaInput } from '@mimo/data';

/** A tabular healthcare data set (a manifest or WDBC): its rows, schema, label column and data card. */
export interface HealthcareTable {
  rows: Row[];
  schema: TableSchemaInput;
  /** The binary label column the splits are stratified by. */
  label: string;
  card: DataCard;
}

/** The label of every row, for stratified splits and folds. */
export function tableLabels(table: HealthcareTable): string[] {
  return table.rows.map((row) => String(row[table.label]));
}

/** Fits the table's preprocessing on `split.train` (or restores `preprocessing`) and turns every split into tensors. */
export async function prepareTableSplit(table: HealthcareTable, split: SplitIndices, preprocessing?: unknown): Promise<PreparedData> {
  if (split.train.length === 0 || split.test.length === 0) throw new Error(`${table.card.source}: too few rows (${table.rows.length}) to split into train / val / test`);
  const prepared = await prepareTable(table.rows, table.schema, split, preprocessing);
  return { ...prepared, card: table.card };
}

/** A stratified 70 / 15 / 15 split by the label (same seed → same split), then `prepareTableSplit`. */
export function prepareStratified(table: HealthcareTable, options: { seed: number; preprocessing?: unknown }): Promise<PreparedData> {
  const split = stratifiedSplit(tableLabels(table), { fractions: { train: 0.7, val: 0.15, test: 0.15 }, seed: options.seed });
  return prepareTableSplit(table, split, options.preprocessing);
}
