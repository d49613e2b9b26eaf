import { readRecordLines } from '@mimo/app-kit';
import { DataError } from '@mimo/data';

/** One record of a CSV or JSONL file: its fields (lower-cased names) and the file line it came from. */
export interface FileRecord {
  fields: Record<string, unknown>;
  line: number;
}

/** Field names lower-cased, as the finance readers match them: `Close` and `close` in one record are refused. */
function lower(record: Record<string, unknown>, file: string, line: number): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const name = key.trim().toLowerCase();
    if (name in fields) throw new DataError({ file, line, column: name }, 'appears twice (names are matched without case); expected unique column names');
    fields[name] = value;
  }
  return fields;
}

/** A `.csv` (header row) or `.jsonl` file as records with line numbers; errors name the file and line. */
export async function readTableFile(file: string): Promise<FileRecord[]> {
  return (await readRecordLines(file)).map(({ record, line }) => ({ fields: lower(record, file, line), line }));
}

/** ISO day `YYYY-MM-DD` of a date cell (a longer ISO timestamp is cut to its day); else a DataError at the cell. */
export function parseDay(value: unknown, where: { file?: string; line?: number; row?: number; column: string }): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const day = text.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) throw DataError.expected(where, 'a date YYYY-MM-DD', value);
  return day;
}

/** A finite number from a cell (CSV string or JSON number); else a DataError at the cell. */
export function parseNumber(value: unknown, where: { file?: string; line?: number; row?: number; column: string }, positive = false): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || (positive && !(n > 0))) throw DataError.expected(where, positive ? 'a positive number' : 'a finite number', value);
  return n;
}
