import { parse } from 'csv-parse/sync';
import { promises as fs } from 'fs';

/**
 * Records to predict on: a `.jsonl` file (one JSON object per line; blank lines skipped) or a `.csv` file
 * with a header (cells stay strings; the preprocessing parses them as the CSV reader does). Errors name the
 * file and line.
 */
export async function readRecords(file: string): Promise<Record<string, unknown>[]> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file}: cannot read the input file (${error.code ?? error.message})`);
  });
  if (file.endsWith('.csv')) {
    try {
      return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, unknown>[];
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
  }
  if (!file.endsWith('.jsonl') && !file.endsWith('.json')) throw new Error(`${file}: expected a .jsonl or .csv file`);
  const records: Record<string, unknown>[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file}:${i + 1}: expected a JSON object per line`);
    records.push(value as Record<string, unknown>);
  });
  if (records.length === 0) throw new Error(`${file}: no records`);
  return records;
}
