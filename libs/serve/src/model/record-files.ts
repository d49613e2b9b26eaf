import { DataError } from '@mimo/data';
import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RequestError } from '../predict/request-error';
import { decodeBase64 } from './image-base64';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An error from decoding → the request's answer: a DataError names `records[i].column` (`bad_image` when it is
 * about a written file), any other error is a `bad_record`; temporary paths never leave the server.
 */
function requestErrorOf(error: unknown, fieldOfFile: Map<string, string>): unknown {
  if (error instanceof RequestError || !(error instanceof Error)) return error;
  const hide = (text: string) => [...fieldOfFile].reduce((message, [file, field]) => message.split(file).join(field), text);
  if (!(error instanceof DataError)) return RequestError.badRequest('bad_record', 'records', hide(error.message));
  if (error.location.file && fieldOfFile.has(error.location.file)) {
    return RequestError.badRequest('bad_image', fieldOfFile.get(error.location.file), hide(error.problem));
  }
  const { row, column } = error.location;
  const field = row !== undefined ? `records[${row - 1}]${column !== undefined ? `.${column}` : ''}` : undefined;
  return RequestError.badRequest('bad_record', field, hide(field ? error.problem : error.message));
}

/**
 * Runs a file-reading record decoder on request records without letting a request name a file: in each record,
 * the string values of `fileFields` are base64 bytes (400 `bad_base64` otherwise), written to a private temporary
 * folder (made only when there are file fields) and replaced by their file names there; other values pass unchanged. `decode` gets the copies and that
 * folder (to resolve the names against); the folder is removed afterwards. A `DataError` becomes a 400 naming
 * `records[i].field`; see `requestErrorOf`.
 */
export async function withRecordFiles<T>(
  records: unknown[],
  fileFields: readonly string[],
  decode: (records: Record<string, unknown>[], dir: string) => Promise<T>,
): Promise<T> {
  const fieldOfFile = new Map<string, string>();
  // Without file fields there is nothing to write: the decoder gets a folder that is never created, so a relative
  // path still resolves to nothing, and the request costs no temporary folder.
  const dir = fileFields.length > 0 ? await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-serve-')) : path.join(os.tmpdir(), `mimo-serve-${randomUUID()}`);
  try {
    const copies = await Promise.all(
      records.map(async (record, i) => {
        if (!isRecord(record)) throw RequestError.badRequest('bad_record', `records[${i}]`, 'expected an object keyed by column name');
        const copy: Record<string, unknown> = { ...record };
        for (const column of fileFields) {
          const value = record[column];
          if (value === undefined || value === null || value === '' || Array.isArray(value)) continue; // absent, or given inline (a ranges array)
          const field = `records[${i}].${column}`;
          const name = `${i}-${column}`;
          await fs.writeFile(path.join(dir, name), decodeBase64(value, field));
          fieldOfFile.set(path.join(dir, name), field);
          copy[column] = name;
        }
        return copy;
      }),
    );
    return await decode(copies, dir);
  } catch (error) {
    throw requestErrorOf(error, fieldOfFile);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
