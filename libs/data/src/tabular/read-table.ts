import * as path from 'path';
import { DataError } from '../errors/data-error';
import { csvHeader, readCsvRecords } from './csv-records';
import { parseCell } from './parse-cell';
import { Cell, rememberOrigin, Row } from './row';
import { parseTableSchema, TableSchema, TableSchemaInput } from './table-schema';

export interface ReadTableOptions {
  /** Skip rows that fail to parse (wrong column count, bad value) and count them, instead of failing. Defaults to false. */
  skipBadRows?: boolean;
  /** How many skipped rows' errors to keep for the report. Defaults to 10. */
  keepBadRows?: number;
}

/** Counts that `streamTable` fills in while it reads. */
export interface TableReadStats {
  file: string;
  /** Column names from the header line (or the schema's `columnNames`). */
  columns: string[];
  /** Rows returned. */
  rows: number;
  /** Bad rows skipped (only with `skipBadRows`). */
  skipped: number;
  /** The first skipped rows' errors. */
  badRows: DataError[];
}

export interface TableReadResult extends TableReadStats {
  /** Parsed rows: schema columns as numbers / strings / null; other columns as raw strings. */
  data: Row[];
  schema: TableSchema;
}

function checkColumns(file: string, names: readonly string[], schema: TableSchema): void {
  for (const column of Object.keys(schema.columns)) {
    if (!names.includes(column)) {
      throw new DataError({ file, line: 1 }, `expected a column "${column}" (from the schema), received the columns: ${names.join(', ')}`);
    }
  }
}

/**
 * Streams a CSV file as parsed rows: each schema column is parsed as its type says, every problem names
 * file, line and column. With `skipBadRows`, bad rows are counted in `stats` instead of thrown.
 * An empty file, a file with a header but no rows, and a file whose every row is bad are errors.
 */
export async function* streamTable(
  file: string,
  schemaInput: TableSchemaInput,
  options: ReadTableOptions = {},
  stats: TableReadStats = { file, columns: [], rows: 0, skipped: 0, badRows: [] },
): AsyncGenerator<Row> {
  const schema = parseTableSchema(schemaInput);
  const context = { missingMarkers: schema.missingMarkers, baseDir: path.dirname(path.resolve(file)) };
  let names: string[] | undefined = schema.columnNames;
  if (names) {
    checkColumns(file, names, schema);
    stats.columns = names;
  }
  for await (const record of readCsvRecords(file, { delimiter: schema.delimiter, quote: schema.quote })) {
    if (!names) {
      names = csvHeader(file, record.fields);
      checkColumns(file, names, schema);
      stats.columns = names;
      continue;
    }
    try {
      if (record.fields.length !== names.length) {
        throw new DataError({ file, line: record.line }, `expected ${names.length} columns, received ${record.fields.length}`);
      }
      const row: Record<string, Cell> = {};
      // One location per row, its column updated per cell (DataError copies it): no allocation per cell.
      const location = { file, line: record.line, column: '' };
      const cellContext = { ...context, location };
      names.forEach((name, i) => {
        const column = schema.columns[name];
        location.column = name;
        row[name] = column ? parseCell(record.fields[i], column, cellContext) : record.fields[i];
      });
      stats.rows++;
      yield rememberOrigin(row, file, record.line);
    } catch (error) {
      if (!(error instanceof DataError) || !options.skipBadRows) throw error;
      stats.skipped++;
      if (stats.badRows.length < (options.keepBadRows ?? 10)) stats.badRows.push(error);
    }
  }
  if (!names) throw new DataError({ file }, 'expected a header line, received an empty file');
  if (stats.rows === 0 && stats.skipped === 0) throw new DataError({ file }, 'expected at least one data row, received only the header');
  if (stats.rows === 0) throw new DataError({ file }, `expected at least one good row, received ${stats.skipped} bad rows; first: ${stats.badRows[0]?.message}`);
}

/** Reads a whole CSV file (streamed, so memory holds only the parsed rows). */
export async function readTable(file: string, schemaInput: TableSchemaInput, options: ReadTableOptions = {}): Promise<TableReadResult> {
  const schema = parseTableSchema(schemaInput);
  const stats: TableReadStats = { file, columns: [], rows: 0, skipped: 0, badRows: [] };
  const data: Row[] = [];
  for await (const row of streamTable(file, schema, options, stats)) data.push(row);
  return { ...stats, data, schema };
}

/** The line a `--skip-bad-rows` run prints: how many rows were skipped and why the first ones were. */
export function skippedRowsReport(stats: TableReadStats): string {
  if (stats.skipped === 0) return `${stats.file}: read ${stats.rows} rows, skipped none`;
  const shown = stats.badRows.map((error) => `  - ${error.message}`).join('\n');
  const more = stats.skipped > stats.badRows.length ? `\n  - … and ${stats.skipped - stats.badRows.length} more` : '';
  return `${stats.file}: read ${stats.rows} rows, skipped ${stats.skipped} bad rows:\n${shown}${more}`;
}
