import { parse } from 'csv-parse/sync';
import { csvHeader, DataError, duplicateJsonKey, NOT_UTF8 } from '@mimo/data';
import { promises as fs } from 'fs';

/** One record of a `.jsonl` or `.csv` file and the file line it starts on. */
export interface RecordLine {
  record: Record<string, unknown>;
  line: number;
}

/**
 * The records of a `.jsonl` file (one JSON object per line; blank lines skipped) or a `.csv` file with a header
 * (cells stay strings; the preprocessing parses them as the CSV reader does), with their line numbers.
 * Problems are `DataError`s naming the file and line.
 */
export async function readRecordLines(file: string): Promise<RecordLine[]> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DataError({ file }, `cannot read the input file (${error.code ?? error.message})`);
  });
  if (text.includes('\u0000')) throw new DataError({ file }, NOT_UTF8);
  if (file.endsWith('.csv')) {
    let rows: { record: string[]; info: { lines: number } }[];
    try {
      rows = parse(text, { skip_empty_lines: true, trim: true, info: true, relax_column_count: true }) as unknown as { record: string[]; info: { lines: number } }[];
    } catch (error) {
      throw new DataError({ file }, (error as Error).message);
    }
    if (rows.length === 0) return [];
    const columns = csvHeader(file, rows[0].record);
    return rows.slice(1).map(({ record, info }) => {
      if (record.length !== columns.length) throw new DataError({ file, line: info.lines }, `expected ${columns.length} columns (${columns.join(', ')}), received ${record.length}`);
      return { record: Object.fromEntries(columns.map((name, i) => [name, record[i]])), line: info.lines };
    });
  }
  if (!file.endsWith('.jsonl') && !file.endsWith('.json')) throw new DataError({ file }, 'expected a .jsonl or .csv file');
  const records: RecordLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new DataError({ file, line: i + 1 }, `not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw DataError.expected({ file, line: i + 1 }, 'a JSON object per line', raw);
    const duplicate = duplicateJsonKey(raw);
    if (duplicate) throw new DataError({ file, line: i + 1 }, `the key "${duplicate.key}" is given twice${duplicate.path === '$' ? '' : ` in ${duplicate.path}`}`);
    records.push({ record: value as Record<string, unknown>, line: i + 1 });
  });
  return records;
}

/** Records to predict on, with their lines (`readRecordLines`); a file without any is an error. */
export async function readRecords(file: string): Promise<RecordLine[]> {
  const records = await readRecordLines(file);
  if (records.length === 0) throw new DataError({ file }, 'no records');
  return records;
}
