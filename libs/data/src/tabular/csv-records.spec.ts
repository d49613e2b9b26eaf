import * as path from 'path';
import { useTempDir, writeText } from '../testing/fixtures';
import { writeFile } from 'fs/promises';
import { CsvRecord, NOT_UTF8, readCsvRecords } from './csv-records';

const dir = useTempDir();

async function records(file: string, options = {}): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of readCsvRecords(file, options)) out.push(record);
  return out;
}

describe('readCsvRecords', () => {
  it('streams records with the line each starts on, across quoted newlines and blank lines', async () => {
    const file = await writeText(dir(), 'lines.csv', 'a,b\n1,2\n\n3,"x\ny"\n4,5\n');
    expect(await records(file)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', 'x\ny'] },
      { line: 6, fields: ['4', '5'] },
    ]);
  });

  it('reads a tab-separated file with quotes as text', async () => {
    const file = await writeText(dir(), 'tsv.txt', 'He said "wow\t1\n');
    expect(await records(file, { delimiter: '\t', quote: false })).toEqual([{ line: 1, fields: ['He said "wow', '1'] }]);
  });

  it('says a file cut inside a quoted field is truncated, with file and line', async () => {
    const file = await writeText(dir(), 'truncated.csv', 'a,b\n1,"unfinished\n');
    await expect(records(file)).rejects.toThrow(`${file}:2: expected a closing quote before the end of the file, received none (is the file truncated?)`);
  });

  it('says a UTF-16 file without a BOM is not UTF-8 text, in a few words, not the whole file', async () => {
    const file = path.join(dir(), 'utf16.csv');
    await writeFile(file, Buffer.from(`a,b\n${'1,2\n'.repeat(500)}`, 'utf16le')); // without a BOM (csv-parse decodes one with)
    const error = await records(file).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toBe(`${file}:1: ${NOT_UTF8}`);
  });

  it('names a file that does not exist', async () => {
    const file = path.join(dir(), 'nope.csv');
    await expect(records(file)).rejects.toThrow(`${file}: the file does not exist`);
  });
});
