import { parse } from 'csv-parse/sync';
import { DataError } from '@mimo/data';
import { promises as fs } from 'fs';

/** One record of a CSV or JSONL file: its fields (lower-cased names) and the file line it came from. */
export interface FileRecord {
  fields: Record<string, unknown>;
  line: number;
}

const lower = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k.trim().toLowerCase(), v]));

/** A `.csv` (header row) or `.jsonl` file as records with line numbers; errors name the file and line. */
export async function readTableFile(file: string): Promise<FileRecord[]> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DataError({ file }, `cannot read the file (${error.code ?? error.message})`);
  });
  if (file.endsWith('.csv')) {
    try {
      const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
      return rows.map(({ record, info }) => ({ fields: lower(record), line: info.lines }));
    } catch (error) {
      throw new DataError({ file }, (error as Error).message);
    }
  }
  if (!file.endsWith('.jsonl') && !file.endsWith('.json')) throw new DataError({ file }, 'expected a .csv or .jsonl file');
  const records: FileRecord[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new DataError({ file, line: i + 1 }, `expected a JSON object, received invalid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw DataError.expected({ file, line: i + 1 }, 'a JSON object per line', raw);
    records.push({ fields: lower(value as Record<string, unknown>), line: i + 1 });
  });
  return records;
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
