import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { readRecords } from './read-records';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-records-'));
const file = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};

describe('readRecords', () => {
  it('reads JSON lines and CSV rows', async () => {
    expect(await readRecords(file('a.jsonl', '{"age": 40}\n\n{"age": 50}\n'))).toEqual([
      { record: { age: 40 }, line: 1 },
      { record: { age: 50 }, line: 3 },
    ]);
    expect(await readRecords(file('a.csv', 'age,ward\n40,A\n'))).toEqual([{ record: { age: '40', ward: 'A' }, line: 2 }]);
  });

  it('refuses a CSV header that names a column twice, and a row of another width', async () => {
    await expect(readRecords(file('dup.csv', 'age,age\n40,41\n'))).rejects.toThrow(/dup\.csv:1: column "age": appears twice in the header/);
    await expect(readRecords(file('wide.csv', 'age,ward\n40,A,x\n'))).rejects.toThrow(/wide\.csv:2: expected 2 columns \(age, ward\), received 3/);
  });

  it('names the file and line of a bad record', async () => {
    await expect(readRecords(file('b.jsonl', '{"age": 40}\n{age\n'))).rejects.toThrow(/b\.jsonl:2: not valid JSON/);
    await expect(readRecords(file('c.jsonl', '[1]\n'))).rejects.toThrow(/c\.jsonl:1: expected a JSON object per line/);
    await expect(readRecords(file('dup.jsonl', '{"age": 40}\n{"age": 40, "text": "x", "age": "forty"}\n'))).rejects.toThrow(/dup\.jsonl:2: the key "age" is given twice$/);
    await expect(readRecords(path.join(dir, 'none.jsonl'))).rejects.toThrow(/none\.jsonl: cannot read the input file \(ENOENT\)/);
    await expect(readRecords(file('d.txt', 'x'))).rejects.toThrow(/expected a \.jsonl or \.csv file/);
  });
});
