import { DataError } from '@mimo/data';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { RequestError } from '../predict/request-error';
import { withRecordFiles } from './record-files';

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('withRecordFiles', () => {
  it('writes base64 file fields to a private folder, passes other values, and removes the folder', async () => {
    let seenDir = '';
    const contents = await withRecordFiles([{ scan: base64('bytes'), ranges: [1, 2], note: 'x' }], ['scan', 'ranges'], async (records, dir) => {
      seenDir = dir;
      expect(records[0]).toEqual({ scan: '0-scan', ranges: [1, 2], note: 'x' });
      return fs.readFile(path.join(dir, String(records[0].scan)), 'utf8');
    });
    expect(contents).toBe('bytes');
    expect(existsSync(seenDir)).toBe(false);
  });

  it('hands a decoder without file fields a folder that does not exist', async () => {
    const seen = await withRecordFiles([{ age: 40 }], [], async (records, dir) => ({ records, exists: existsSync(dir) }));
    expect(seen).toEqual({ records: [{ age: 40 }], exists: false });
  });

  it('refuses a path where bytes belong, and a record that is not an object', async () => {
    const never = async () => 'read';
    await expect(withRecordFiles([{ scan: '/etc/hostname' }], ['scan'], never)).rejects.toMatchObject({ code: 'bad_base64', field: 'records[0].scan' });
    await expect(withRecordFiles([[1, 2]], ['scan'], never)).rejects.toMatchObject({ code: 'bad_record', field: 'records[0]' });
  });

  it('turns decoding errors into answers naming the field, without the temporary paths', async () => {
    const failOnFile = (problem: (file: string) => DataError | Error) => (records: Record<string, unknown>[], dir: string) => Promise.reject(problem(path.join(dir, String(records[0].scan))));
    const image = withRecordFiles([{ scan: base64('not an image') }], ['scan'], failOnFile((file) => new DataError({ file }, `cannot decode ${file}`)));
    await expect(image).rejects.toMatchObject({ code: 'bad_image', field: 'records[0].scan', message: 'records[0].scan: cannot decode records[0].scan' });
    const cell = withRecordFiles([{ scan: base64('x'), age: 'old' }], ['scan'], () => Promise.reject(new DataError({ row: 1, column: 'age' }, 'expected a number')));
    await expect(cell).rejects.toMatchObject({ code: 'bad_record', field: 'records[0].age' });
    const other = withRecordFiles([{ scan: base64('x') }], ['scan'], failOnFile((file) => new Error(`no frame in ${file}`)));
    await expect(other).rejects.toBeInstanceOf(RequestError);
    await expect(other).rejects.toMatchObject({ code: 'bad_record', message: 'records: no frame in records[0].scan' });
  });
});
