import { DataError } from './data-error';

/**
 * Checks that every record is a JSON object (not null, an array or a scalar), as decoders need before they read
 * fields; the first that is not is a `DataError` naming its row (from 1) and saying what a record holds.
 */
export function expectRecordObjects(records: readonly unknown[], what: string, file?: string): asserts records is Record<string, unknown>[] {
  const index = records.findIndex((r) => typeof r !== 'object' || r === null || Array.isArray(r));
  if (index >= 0) throw DataError.expected(file ? { file, row: index + 1 } : { row: index + 1 }, what, records[index]);
}
