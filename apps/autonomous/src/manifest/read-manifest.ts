import { promises as fs } from 'fs';
import * as path from 'path';
import { csvHeader, DataError, DataLocation, readCsvRecords } from '@mimo/data';
import { ManifestColumns, readManifestHeader } from './manifest-header';

/** One row of a manifest: a frame's camera image path, its ranges and (for training) its label. */
export interface ManifestFrame {
  id: string;
  /** Absolute path of the camera image; absent in a LIDAR-only manifest. */
  cameraPath?: string;
  /** Ranges in metres, clockwise from straight ahead. */
  ranges: number[];
  label?: string;
  /** Where the row is, for later errors. */
  location: DataLocation;
}

export interface ReadManifestOptions {
  /** Beams every row must have (a bundle's); by default the first row's count, which every other row must match. */
  beams?: number;
  /** Whether the model reads the camera, so that a `camera` column is required. Defaults to true. */
  camera?: boolean;
  /** Require a label on every row (train, evaluate); false for predict. Defaults to true. */
  labels?: boolean;
  /** Allowed labels; another is an error. Defaults to any. */
  classes?: readonly string[];
}

function parseRange(raw: string, location: DataLocation): number {
  const value = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw DataError.expected(location, 'a range in metres (a finite number ≥ 0)', raw);
  return value;
}

async function readRangeFile(file: string, location: DataLocation): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new DataError(location, `expected a file of ranges, received a path that does not exist (${file})`);
  }
  return text.split(/[\s,]+/).filter((s) => s !== '');
}

async function assertFile(file: string, location: DataLocation): Promise<void> {
  try {
    if ((await fs.stat(file)).isFile()) return;
  } catch {
    // reported below
  }
  throw new DataError(location, `expected a camera image file, received a path that does not exist (${file})`);
}

async function readCamera(dir: string, fields: string[], columns: ManifestColumns, at: (column: string) => DataLocation): Promise<string | undefined> {
  if (columns.camera === undefined) return undefined;
  const camera = fields[columns.camera]?.trim() ?? '';
  if (camera === '') throw DataError.expected(at('camera'), 'an image path', fields[columns.camera]);
  const cameraPath = path.resolve(dir, camera);
  await assertFile(cameraPath, at('camera'));
  return cameraPath;
}

async function readRow(file: string, fields: string[], line: number, columns: ManifestColumns, options: { beams?: number; labels: boolean; classes?: readonly string[] }): Promise<ManifestFrame> {
  const at = (column: string): DataLocation => ({ file, line, column });
  const id = columns.id === undefined ? `line ${line}` : (fields[columns.id]?.trim() ?? '');
  if (id === '') throw DataError.expected(at('frame_id'), 'a frame id', fields[columns.id ?? -1]);
  const cameraPath = await readCamera(path.dirname(file), fields, columns, at);
  const rawRanges = columns.ranges
    ? columns.ranges.map((index) => fields[index])
    : await readRangeFile(path.resolve(path.dirname(file), fields[columns.rangeFile ?? -1] ?? ''), at('ranges'));
  if (options.beams !== undefined && rawRanges.length !== options.beams) throw new DataError(at(columns.ranges ? 'r1' : 'ranges'), `expected ${options.beams} ranges, received ${rawRanges.length}`);
  const ranges = rawRanges.map((raw, i) => parseRange(raw, at(columns.ranges ? `r${i + 1}` : 'ranges')));
  const label = columns.label === undefined ? undefined : fields[columns.label]?.trim();
  if (options.labels && !label) throw DataError.expected(at('label'), 'a label', fields[columns.label ?? -1]);
  if (label && options.classes && !options.classes.includes(label)) throw DataError.expected(at('label'), `one of ${options.classes.join(', ')}`, label);
  return { id, cameraPath, ranges, label: label || undefined, location: { file, line } };
}

/**
 * Reads a manifest CSV (frame_id?, camera, r1 … rN or ranges, label): every row is checked — column count, a
 * camera image that exists (unless the model reads no camera), N finite ranges (N from the first row unless
 * given), a known label — and a bad row is a DataError naming its file, line and column. Images are not decoded
 * here (see loadFrameImages).
 */
export async function readManifest(file: string, options: ReadManifestOptions = {}): Promise<ManifestFrame[]> {
  const settings = { labels: true, camera: true, ...options };
  const frames: ManifestFrame[] = [];
  let columns: ManifestColumns | undefined;
  let width = 0;
  for await (const { line, fields } of readCsvRecords(file)) {
    if (!columns) {
      columns = readManifestHeader(file, csvHeader(file, fields), settings.labels, settings.camera);
      width = fields.length;
      continue;
    }
    if (fields.length !== width) throw new DataError({ file, line }, `expected ${width} columns, received ${fields.length}`);
    const frame = await readRow(file, fields, line, columns, settings);
    settings.beams ??= frame.ranges.length;
    frames.push(frame);
  }
  if (!columns) throw new DataError({ file }, 'expected a header row, received an empty file');
  if (frames.length === 0) throw new DataError({ file }, 'expected at least one data row, received only the header');
  return frames;
}
