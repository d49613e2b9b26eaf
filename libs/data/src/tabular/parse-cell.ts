import * as path from 'path';
import { DataError, DataLocation } from '../errors/data-error';
import { Cell } from './row';
import { Column } from './table-schema';

// Stricter than Number(): '', ' ', '0x1F', 'NaN' and 'Infinity' are not numbers in a data file.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const EXPECTED_TIME = 'a date or time (ISO 8601, e.g. 2014-01-02, or epoch milliseconds)';

/** What a column's cells must hold, as error messages say it. */
export function expectedValue(column: Column): string {
  switch (column.type) {
    case 'numeric':
      return 'a finite number';
    case 'categorical':
      return 'a category';
    case 'text':
      return 'a text';
    case 'image':
      return 'an image path';
    case 'time':
      return EXPECTED_TIME;
    case 'label':
      return column.task === 'regression' ? 'a finite number' : 'a class label';
  }
}

/** A finite number from a cell, or a DataError that quotes the cell. */
export function parseNumber(raw: unknown, location: DataLocation): number {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && DECIMAL.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(value)) throw DataError.expected(location, 'a finite number', raw);
  return value;
}

function parseTime(raw: unknown, location: DataLocation): number {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (DECIMAL.test(text)) return Number(text);
  // Date-only ISO strings parse as UTC midnight, so a day never moves with the machine's time zone.
  const value = ISO_DATE.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(value)) throw DataError.expected(location, EXPECTED_TIME, raw);
  return value;
}

/** Whether the column allows a missing value (its policy says what to do with it later). */
function allowsMissing(column: Column): boolean {
  switch (column.type) {
    case 'numeric':
    case 'categorical':
    case 'text':
      return column.missing !== 'error';
    default:
      return false;
  }
}

export interface CellContext {
  location: DataLocation;
  /** Cell texts that mean 'missing' (compared after trimming). */
  missingMarkers: readonly string[];
  /** Folder that relative image paths (and a relative `baseDir` of an image column) start from. */
  baseDir: string;
}

/**
 * Parses one raw cell (CSV text, or a JSON value at serving time) as its column says, so that training and
 * serving read values the same way. Returns null for an allowed missing value.
 */
export function parseCell(raw: unknown, column: Column, context: CellContext): Cell {
  const { location } = context;
  const missing = raw === null || raw === undefined || (typeof raw === 'string' && context.missingMarkers.includes(raw.trim()));
  if (missing) {
    if (allowsMissing(column)) return null;
    const shown = typeof raw === 'string' ? `a missing value (${JSON.stringify(raw)})` : 'a missing value';
    throw new DataError(location, `expected ${expectedValue(column)}, received ${shown}`);
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') throw DataError.expected(location, expectedValue(column), JSON.stringify(raw));
  switch (column.type) {
    case 'numeric':
      return parseNumber(raw, location);
    case 'time':
      return parseTime(raw, location);
    case 'label':
      return column.task === 'regression' ? parseNumber(raw, location) : String(raw).trim();
    case 'image':
      return path.resolve(context.baseDir, column.baseDir ?? '.', String(raw).trim());
    case 'categorical':
      return String(raw).trim();
    case 'text':
      return String(raw);
  }
}
