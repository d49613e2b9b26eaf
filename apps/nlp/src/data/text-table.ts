import { Cell, Column, DataError, duplicateJsonKey, parseCell, parseTableSchema, rememberOrigin, Row, TableSchema } from '@mimo/data';
import { promises as fs } from 'fs';
import * as path from 'path';
import { RawTable } from './raw-records';

/** Model input names: the text, the numeric context columns (stacked), the categorical context columns (stacked). */
export const TEXT_INPUT = 'text';
export const NUMERIC_CONTEXT = 'context';
export const CATEGORICAL_CONTEXT = 'context_cat';

/** Which columns of a user file are what (`--text-column`, `--label-column`, `--context-columns`). */
export interface ColumnChoice {
  textColumn: string;
  labelColumns: string[];
  contextColumns: string[];
}

/** Token limits of the text input: long enough for an e-mail's gist, small enough to train on 2 cores. */
export interface TextLimits {
  maxLength: number;
  maxVocab: number;
}

export function textColumnSchema(limits: TextLimits, minCount = 1): Column & { type: 'text' } {
  return { type: 'text', input: TEXT_INPUT, ...limits, minCount, tokenizer: 'word', lowercase: true, stem: false, stopWords: false, padding: 'post', truncation: 'post', missing: 'error' };
}

/** Context cells may be missing: numbers take the training mean, categories get their own id. */
export const numericContext = (): Column => ({ type: 'numeric', input: NUMERIC_CONTEXT, missing: 'mean', scaling: 'standard' });
export const categoricalContext = (): Column => ({ type: 'categorical', input: CATEGORICAL_CONTEXT, missing: 'indicator', unknown: 'bucket', minCount: 1 });

const MISSING = ['', '?'];
const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && MISSING.includes(v.trim()));
const isNumber = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));

function present(table: RawTable, column: string): unknown[] {
  return table.records.map((r) => r.values[column]).filter((v) => !isMissing(v));
}

function labelSchema(table: RawTable, column: string): Column {
  const values = present(table, column);
  const distinct = new Set(values.map((v) => String(v).trim()));
  if (distinct.size < 2) throw new DataError({ file: table.file, column }, `expected at least two different labels, received ${distinct.size === 0 ? 'none' : `only ${JSON.stringify([...distinct][0])}`}`);
  if (distinct.size > 10 && values.every(isNumber)) return { type: 'label', task: 'regression' };
  return { type: 'label', task: distinct.size === 2 ? 'binary' : 'multiclass' };
}

/**
 * A context column turned categorical by a few cells among numbers (`NaN`, `forty`) is most likely a numeric
 * column with bad cells: say so, with the lines, instead of silently training on it as categories.
 */
function warnMinorityKind(table: RawTable, column: string, values: unknown[], warn: (line: string) => void): void {
  const odd = table.records.filter((r) => !isMissing(r.values[column]) && !isNumber(r.values[column]));
  if (odd.length * 2 >= values.length) return;
  const shown = odd.slice(0, 5).map((r) => `line ${r.line}: ${JSON.stringify(r.values[column])}`).join(', ');
  warn(
    `${table.file}: column "${column}" is read as categorical because ${odd.length} of ${values.length} values are not numbers (${shown}${odd.length > 5 ? ', …' : ''}); fix those cells, or give a --schema that says it is numeric`,
  );
}

/** Names every chosen column that the file lacks, with the columns it has. */
function checkColumns(table: RawTable, choice: ColumnChoice): void {
  const flags: Array<[string, string[]]> = [
    ['--text-column', [choice.textColumn]],
    ['--label-column', choice.labelColumns],
    ['--context-columns', choice.contextColumns],
  ];
  for (const [flag, columns] of flags) {
    const unknown = columns.filter((c) => !table.columns.includes(c));
    if (unknown.length) throw new DataError({ file: table.file }, `${flag}: no column ${unknown.map((c) => JSON.stringify(c)).join(', ')}; the file has the columns: ${table.columns.join(', ')}`);
  }
  const all = [choice.textColumn, ...choice.labelColumns, ...choice.contextColumns];
  const twice = all.find((c, i) => all.indexOf(c) !== i);
  if (twice) throw new DataError({ file: table.file, column: twice }, 'is chosen twice (text, label and context columns must differ)');
}

/**
 * The table schema of a user file from the column flags: the text column feeds `text`; a context column is
 * numeric when every present value is a number, else categorical; a label column with two values is binary,
 * with more multiclass, with more than 10 numbers regression.
 */
export function inferSchema(table: RawTable, choice: ColumnChoice, limits: TextLimits, warn: (line: string) => void = () => undefined): TableSchema {
  checkColumns(table, choice);
  const columns: Record<string, Column> = { [choice.textColumn]: textColumnSchema(limits) };
  for (const c of choice.contextColumns) {
    const values = present(table, c);
    const numeric = values.every(isNumber);
    columns[c] = numeric ? numericContext() : categoricalContext();
    if (!numeric) warnMinorityKind(table, c, values, warn);
  }
  for (const c of choice.labelColumns) columns[c] = labelSchema(table, c);
  return parseTableSchema({ columns });
}

/** A `--schema FILE`: a table schema (docs/data.md) with exactly one text column, which feeds the `text` input. */
export async function readSchemaFile(file: string): Promise<TableSchema> {
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new DataError({ file }, 'the schema file does not exist or cannot be read');
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataError({ file }, `expected a JSON table schema, received invalid JSON (${(error as Error).message})`);
  }
  const duplicate = duplicateJsonKey(text);
  if (duplicate) throw new DataError({ file }, `expected each key once, received "${duplicate.key}" twice in ${duplicate.path}`);
  const schema = parseTableSchema(json, file);
  const texts = Object.entries(schema.columns).filter(([, c]) => c.type === 'text');
  if (texts.length !== 1) throw new DataError({ file }, `expected exactly one text column, received ${texts.length}`);
  const labels = Object.values(schema.columns).filter((c) => c.type === 'label');
  if (labels.length === 0) throw new DataError({ file }, 'expected at least one label column, received none');
  return parseTableSchema({ ...schema, columns: { ...schema.columns, [texts[0][0]]: { ...texts[0][1], input: TEXT_INPUT } } }, file);
}

/** The first label column of a schema: the main head, and what the split is stratified on. */
export function mainLabelColumn(schema: TableSchema): string {
  const label = Object.entries(schema.columns).find(([, c]) => c.type === 'label');
  if (!label) throw new Error('the table schema has no label column');
  return label[0];
}

/** Parses every record with the schema, each cell as the CSV reader would; errors name file, line and column. */
export function tableRows(table: RawTable, schema: TableSchema): Row[] {
  const unknown = Object.keys(schema.columns).filter((c) => !table.columns.includes(c));
  if (unknown.length) throw new DataError({ file: table.file }, `expected the column(s) ${unknown.join(', ')} (from the schema), received the columns: ${table.columns.join(', ')}`);
  const baseDir = path.dirname(path.resolve(table.file));
  return table.records.map(({ line, values }) => {
    const row: Record<string, Cell> = {};
    for (const [name, column] of Object.entries(schema.columns)) {
      row[name] = parseCell(values[name], column, { location: { file: table.file, line, column: name }, missingMarkers: schema.missingMarkers, baseDir });
    }
    return rememberOrigin(row, table.file, line);
  });
}
