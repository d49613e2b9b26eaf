import * as tf from '@tensorflow/tfjs';
import { decodeTableRecords } from '@mimo/app-kit';
import { TensorMap } from '@mimo/core';
import { atLocation, DataError, decodeImage, expectRecordObjects } from '@mimo/data';
import * as path from 'path';
import { XRAY_PREPROCESSING } from './prepare-pneumoniamnist';

/** The record field that names a file (the X-ray image): base64 bytes over HTTP and in a browser. */
export const HEALTHCARE_RECORD_FILES = ['image'];

/**
 * Records → input tensors for `predict`: a bundle trained on a manifest or WDBC decodes through its
 * TablePreprocessor; an image-only (PneumoniaMNIST) bundle reads each record's `image` path (28×28 grey,
 * resized to fit), relative to the input file's folder.
 */
export async function decodeHealthcareRecords(records: Record<string, unknown>[], bundle: { preprocessing?: unknown }, baseDir: string): Promise<TensorMap> {
  const format = (bundle.preprocessing as { format?: string } | undefined)?.format;
  if (format !== XRAY_PREPROCESSING.format) return decodeTableRecords(records, bundle, baseDir);
  expectRecordObjects(records, 'a record object with an "image" path');
  const pixels = await Promise.all(
    records.map(async (record, i) => {
      const location = { row: i + 1, column: 'image' };
      if (typeof record.image !== 'string' || record.image === '') throw DataError.expected(location, 'an image path', record.image);
      const file = path.resolve(baseDir, record.image);
      return atLocation(location, () => decodeImage(file, { height: 28, width: 28, channels: 1, fit: 'fill' }));
    }),
  );
  const flat = new Float32Array(pixels.length * 28 * 28);
  pixels.forEach((p, i) => flat.set(Array.from(p, (v) => v / 255), i * 28 * 28));
  return { xray: tf.tensor4d(flat, [pixels.length, 28, 28, 1]) };
}
