/** Where a problem was found: the more of these are known, the more precisely the message points. */
export interface DataLocation {
  /** File (or archive entry, or 'request') the value came from. */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** 1-based row when there is no file (rows handed over in memory, e.g. at serving time). */
  row?: number;
  /** Column or field name. */
  column?: string;
}

/** `data.csv:12: column "age": ` — the prefix every data error starts with. */
export function formatLocation(location: DataLocation): string {
  const where = location.file !== undefined ? (location.line !== undefined ? `${location.file}:${location.line}` : location.file) : '';
  const row = location.row !== undefined ? `row ${location.row}` : '';
  const head = [where, row].filter(Boolean).join(': ');
  const column = location.column !== undefined ? `column "${location.column}"` : '';
  const parts = [head, column].filter(Boolean);
  return parts.length > 0 ? `${parts.join(': ')}: ` : '';
}

/** Quotes a received value the way every message shows it. */
export function describeReceived(value: unknown): string {
  if (value === null || value === undefined) return 'a missing value';
  if (typeof value === 'string') return value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}…` : JSON.stringify(value);
  if (typeof value === 'object') {
    const json = JSON.stringify(value) ?? String(value);
    return json.length > 60 ? `${json.slice(0, 60)}…` : json;
  }
  return String(value);
}

/**
 * A problem with input data (not with code): it names the place (file, line, column) and says what was
 * expected and what was received, e.g. `data.csv:12: column "age": expected a finite number, received "NaN"`.
 */
export class DataError extends Error {
  readonly location: DataLocation;
  readonly problem: string;

  /** Problems are cut to this length: a message quoting a parser may hold a whole file. */
  static readonly MAX_PROBLEM_LENGTH = 300;

  constructor(location: DataLocation, problem: string) {
    const bounded = problem.length > DataError.MAX_PROBLEM_LENGTH ? `${problem.slice(0, DataError.MAX_PROBLEM_LENGTH)}…` : problem;
    super(`${formatLocation(location)}${bounded}`);
    this.problem = bounded;
    this.name = 'DataError';
    // A copy: callers may reuse one location object while they walk a row's cells.
    this.location = { ...location };
  }

  /** `expected <what>, received <value>` at a location. */
  static expected(location: DataLocation, what: string, received: unknown): DataError {
    return new DataError(location, `expected ${what}, received ${describeReceived(received)}`);
  }
}

/**
 * Runs `work`; a DataError it throws (a file's own problem, e.g. an image that does not decode) is thrown again at
 * `location` (the record's row or the manifest's line, and the field), its message kept. Other errors pass through.
 */
export async function atLocation<T>(location: DataLocation, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof DataError ? new DataError(location, error.message) : error;
  }
}
