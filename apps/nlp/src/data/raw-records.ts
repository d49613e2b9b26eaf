import { readRecordLines } from '@mimo/app-kit';
import { csvHeader, DataError, readCsvRecords } from '@mimo/data';

/** One record of a user file before any column is typed: raw values by column name, with its line. */
export interface RawRecord {
  line: number;
  values: Record<string, unknown>;
}

export interface RawTable {
  file: string;
  /** Column names: the CSV header, or every key seen in the JSONL objects (first-seen order). */
  columns: string[];
  records: RawRecord[];
}

async function readCsv(file: string): Promise<RawTable> {
  let columns: string[] | undefined;
  const records: RawRecord[] = [];
  for await (const { line, fields } of readCsvRecords(file)) {
    if (!columns) {
      columns = csvHeader(file, fields);
      continue;
    }
    if (fields.length !== columns.length) throw new DataError({ file, line }, `expected ${columns.length} columns (${columns.join(', ')}), received ${fields.length}`);
    const names = columns;
    records.push({ line, values: Object.fromEntries(fields.map((field, i) => [names[i], field])) });
  }
  if (!columns) throw new DataError({ file }, 'expected a header line, received an empty file');
  return { file, columns, records };
}

async function readJsonl(file: string): Promise<RawTable> {
  const records = (await readRecordLines(file)).map(({ record, line }) => ({ line, values: record }));
  const columns = new Set(records.flatMap((r) => Object.keys(r.values)));
  return { file, columns: [...columns], records };
}

/** A `.csv` (header line) or `.jsonl` (one object per line) file as raw records; every problem names file and line. */
export async function readRawTable(file: string): Promise<RawTable> {
  const table = file.endsWith('.csv') ? await readCsv(file) : file.endsWith('.jsonl') ? await readJsonl(file) : undefined;
  if (!table) throw new DataError({ file }, 'expected a .csv or .jsonl file');
  if (table.records.length === 0) throw new DataError({ file }, 'expected at least one data row, received none');
  return table;
}
