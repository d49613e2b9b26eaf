import { promises as fs } from 'fs';
import * as path from 'path';
import { TensorMap } from '@mimo/core';
import { atLocation, DataError, decodeImage, expectRecordObjects } from '@mimo/data';
import { frameTensors, SensorFrame } from '../data/frame-tensors';
import { parseSensorPreprocessing, SensorPreprocessing } from '../data/sensor-preprocessing';

/** The record fields that name files (a camera image, a file of ranges): base64 bytes over HTTP and in a browser. */
export const SENSOR_RECORD_FILES = ['camera', 'ranges'];

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

async function readRanges(record: Record<string, unknown>, state: SensorPreprocessing, baseDir: string, row: number): Promise<number[] | undefined> {
  const inline = Array.from({ length: state.beams }, (_, i) => record[`r${i + 1}`]);
  let raw: unknown[];
  if (inline.some(present)) raw = inline;
  else if (Array.isArray(record.ranges)) raw = record.ranges;
  else if (present(record.ranges) && typeof record.ranges !== 'string') {
    // The server refuses these too (a file field must be base64): one verdict, wherever a record comes from.
    throw DataError.expected({ row, column: 'ranges' }, `an array of ${state.beams} ranges or a file of ranges`, record.ranges);
  } else if (typeof record.ranges === 'string' && record.ranges !== '') {
    const file = path.resolve(baseDir, record.ranges);
    const text = await fs.readFile(file, 'utf8').catch(() => {
      throw new DataError({ row, column: 'ranges' }, `expected a file of ranges, received a path that does not exist (${file})`);
    });
    raw = text.split(/[\s,]+/).filter((s) => s !== '');
  } else return undefined;
  if (raw.length !== state.beams) throw new DataError({ row, column: 'ranges' }, `expected ${state.beams} ranges, received ${raw.length}`);
  return raw.map((value, i) => {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(n) || n < 0) throw DataError.expected({ row, column: inline.some(present) ? `r${i + 1}` : 'ranges' }, 'a range in metres (a finite number ≥ 0)', value);
    return n;
  });
}

/**
 * Request records → the model's inputs, as training read them: `camera` (an image path, relative to `baseDir`)
 * and the ranges (`r1` … `rN`, a `ranges` array, or a `ranges` file path). A record may lack one sensor: it is fed
 * as zeros, the way modality dropout trained the model for it. A record with neither is an error.
 */
export async function decodeSensorRecords(records: Record<string, unknown>[], preprocessing: unknown, baseDir: string): Promise<TensorMap> {
  const state = parseSensorPreprocessing(preprocessing);
  expectRecordObjects(records, 'a record object with "camera" and / or ranges');
  const frames: SensorFrame[] = [];
  for (const [i, record] of records.entries()) {
    const row = i + 1;
    const ranges = await readRanges(record, state, baseDir, row);
    const cameraPath = present(record.camera) ? path.resolve(baseDir, String(record.camera)) : undefined;
    if (!ranges && !cameraPath) throw new DataError({ row }, `expected a camera image path ("camera") and/or ranges (r1 … r${state.beams} or "ranges"), received neither`);
    let camera: Uint8Array = new Uint8Array(state.imageSize * state.imageSize * 3);
    if (cameraPath) camera = await atLocation({ row, column: 'camera' }, () => decodeImage(cameraPath, { height: state.imageSize, width: state.imageSize, channels: 3, fit: 'fill' }));
    frames.push({ camera, ranges: ranges ?? new Array<number>(state.beams).fill(0) });
  }
  const { xs } = frameTensors(frames, state);
  return xs;
}
