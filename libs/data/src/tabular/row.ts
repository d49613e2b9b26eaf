import { DataError, DataLocation } from '../errors/data-error';

/** A parsed cell: a number (numeric, time, regression label), a string, or null for a missing value. */
export type Cell = number | string | null;

/** One parsed record, keyed by column name. */
export type Row = Readonly<Record<string, Cell>>;

// Rows stay plain objects (easy to build in tests and at serving time); where a row came from is kept on the
// side so that a later error can still name its file and line.
const origins = new WeakMap<Row, { file: string; line: number }>();

export function rememberOrigin(row: Row, file: string, line: number): Row {
  origins.set(row, { file, line });
  return row;
}

/** The file and line a row was read from, or its 1-based position when it was handed over in memory. */
export function rowLocation(row: Row, index: number, column?: string): DataLocation {
  const origin = origins.get(row);
  return origin ? { ...origin, column } : { row: index + 1, column };
}

/** A numeric cell, or null when missing; a string there (rows built by hand) is an error naming the row. */
export function numberCell(row: Row, index: number, column: string): number | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw DataError.expected(rowLocation(row, index, column), 'a finite number', value);
  return value;
}

/** A text cell (numbers are read as their text), or null when missing. */
export function stringCell(row: Row, index: number, column: string): string | null {
  const value = row[column];
  return value === null || value === undefined ? null : String(value);
}

/** A copy of a row with more fields, still pointing at the row's file and line. */
export function withFields(row: Row, fields: Record<string, Cell>): Row {
  const copy = { ...row, ...fields };
  const origin = origins.get(row);
  return origin ? rememberOrigin(copy, origin.file, origin.line) : copy;
}

/** Every row's text in a column that may not be missing ('expected <what>' otherwise, naming the row). */
export function requiredStrings(rows: readonly Row[], column: string, what: string): string[] {
  return rows.map((row, i) => {
    const value = stringCell(row, i, column);
    if (value === null) throw DataError.expected(rowLocation(row, i, column), what, null);
    return value;
  });
}

/** Every row's number in a column that may not be missing. */
export function requiredNumbers(rows: readonly Row[], column: string): number[] {
  return rows.map((row, i) => {
    const value = numberCell(row, i, column);
    if (value === null) throw DataError.expected(rowLocation(row, i, column), 'a finite number', null);
    return value;
  });
}
