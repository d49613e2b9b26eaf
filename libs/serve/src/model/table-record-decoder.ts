import * as tf from '@tensorflow/tfjs';
import { DataError, PREPROCESSING_FORMAT, TablePreprocessor } from '@mimo/data';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RequestError } from '../predict/request-error';
import { decodeBase64 } from './image-base64';
import { RecordDecoder } from './served-model';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The raw-record decoder of a bundle whose preprocessing.json is a `TablePreprocessor`'s: records are parsed
 * and transformed with the saved state, exactly as `TablePreprocessor.fromJSON(…).parseRecords` → `transform`
 * does in a `predict` command. Image columns take base64 (never a path: no request value reaches the
 * filesystem); the bytes go to a private temporary file for the decoder and are removed afterwards.
 * Returns undefined when the bundle has no table preprocessing.
 */
export function tableRecordDecoder(preprocessing: unknown): RecordDecoder | undefined {
  if (!isRecord(preprocessing) || preprocessing.format !== PREPROCESSING_FORMAT) return undefined;
  const table = TablePreprocessor.fromJSON(preprocessing);
  const imageColumns = Object.entries(table.schema.columns)
    .filter(([, column]) => column.type === 'image')
    .map(([name]) => name);
  return async (records) => {
    const fieldOfFile = new Map<string, string>();
    const dir = imageColumns.length > 0 ? await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-serve-')) : undefined;
    try {
      const parsed = await Promise.all(
        records.map(async (record, i) => {
          if (!isRecord(record)) throw RequestError.badRequest('bad_record', `records[${i}]`, 'expected an object keyed by column name');
          const copy: Record<string, unknown> = { ...record };
          for (const column of imageColumns) {
            const field = `records[${i}].${column}`;
            const bytes = decodeBase64(record[column], field);
            const file = path.join(dir as string, `${i}-${column}`);
            await fs.writeFile(file, bytes);
            fieldOfFile.set(file, field);
            copy[column] = file;
          }
          return copy;
        }),
      );
      const rows = table.parseRecords(parsed, { source: 'records' });
      const { xs } = await table.transform(rows, { labels: false });
      return xs as Record<string, tf.Tensor>;
    } catch (error) {
      if (error instanceof DataError && error.location.file && fieldOfFile.has(error.location.file)) {
        throw RequestError.badRequest('bad_image', fieldOfFile.get(error.location.file), error.problem);
      }
      if (error instanceof DataError) {
        const { row, column } = error.location;
        const field = row !== undefined ? `records[${row - 1}]${column !== undefined ? `.${column}` : ''}` : undefined;
        throw RequestError.badRequest('bad_record', field, field ? error.problem : error.message);
      }
      throw error;
    } finally {
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    }
  };
}
