import { CsvError, parse } from 'csv-parse';
import { createReadStream } from 'fs';
import { DataError } from '../errors/data-error';

export interface CsvRecord {
  /** 1-based line the record starts on (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export interface CsvRecordOptions {
  /** Field delimiter. Defaults to ','. */
  delimiter?: string;
  /** Honour double quotes; false reads them as text. Defaults to true. */
  quote?: boolean;
}

/** What a UTF-16 (or binary) file looks like to a UTF-8 reader: text full of NUL characters. */
export const NOT_UTF8 = 'expected UTF-8 text, received NUL bytes (is the file UTF-16 or binary? save it as UTF-8)';

function countNewlines(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  return count;
}

function toDataError(file: string, error: unknown): Error {
  if (error instanceof DataError) return error;
  if (error instanceof CsvError) {
    const line = typeof error.lines === 'number' ? error.lines : undefined;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      return new DataError({ file, line }, 'expected a closing quote before the end of the file, received none (is the file truncated?)');
    }
    return new DataError({ file, line }, `invalid CSV: ${error.message}`);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new DataError({ file }, 'the file does not exist');
  return error instanceof Error ? new DataError({ file }, `cannot read the file: ${error.message}`) : new Error(String(error));
}

/**
 * The column names of a header row, trimmed (and `normalise`d, e.g. lower-cased, where a reader matches names
 * that way). A name that appears twice is refused, naming it: csv-parse and object keys would keep the later one
 * silently, training on the wrong column.
 */
export function csvHeader(file: string, fields: readonly string[], normalise: (name: string) => string = (name) => name): string[] {
  const names = fields.map((field) => normalise(field.trim()));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new DataError({ file, line: 1, column: name }, 'appears twice in the header; expected unique column names');
    seen.add(name);
  }
  return names;
}

/**
 * Streams the records of a CSV file through csv-parse (nothing but the current chunk is held in memory),
 * each with the line it starts on. Column counts are not checked here: the caller knows what to expect.
 */
export async function* readCsvRecords(file: string, options: CsvRecordOptions = {}): AsyncGenerator<CsvRecord> {
  const source = createReadStream(file);
  const parser = parse({
    delimiter: options.delimiter ?? ',',
    quote: options.quote === false ? false : '"',
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  // pipe() does not forward the source's errors (a missing file); destroying the parser makes iteration fail.
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines - countNewlines(record);
      if (record.some((field) => field.includes('\u0000'))) throw new DataError({ file, line }, NOT_UTF8);
      yield { line, fields: record };
    }
  } catch (error) {
    throw toDataError(file, error);
  } finally {
    // A consumer that stops early (an error on row 3) must not leave the file open.
    source.destroy();
  }
}
