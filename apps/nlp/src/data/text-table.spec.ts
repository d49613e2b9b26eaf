import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readRawTable } from './raw-records';
import { inferSchema } from './text-table';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mimo-nlp-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
};
const limits = { maxLength: 8, maxVocab: 100 };

describe('user tables for the nlp app', () => {
  it('refuse a header that names a column twice (the later would win silently)', async () => {
    const csv = file('twice.csv', 'text,age,age,label\nhello,30,old,a\n');
    await expect(readRawTable(csv)).rejects.toThrow(`${csv}:1: column "age": appears twice in the header; expected unique column names`);
  });

  it('warn, with lines, when a few bad cells make a numeric context column categorical', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => `msg ${i},${20 + i},${i % 2 ? 'a' : 'b'}`);
    rows.splice(4, 0, 'msg x,forty,a');
    const csv = file('minority.csv', ['text,age,label', ...rows].join('\n'));
    const table = await readRawTable(csv);
    const warnings: string[] = [];
    const schema = inferSchema(table, { textColumn: 'text', labelColumns: ['label'], contextColumns: ['age'] }, limits, (line) => warnings.push(line));
    expect(schema.columns.age.type).toBe('categorical');
    expect(warnings).toEqual([`${csv}: column "age" is read as categorical because 1 of 10 values are not numbers (line 6: "forty"); fix those cells, or give a --schema that says it is numeric`]);
    const clean = await readRawTable(file('clean.csv', ['text,age,label', ...rows.filter((r) => !r.includes('forty'))].join('\n')));
    warnings.length = 0;
    expect(inferSchema(clean, { textColumn: 'text', labelColumns: ['label'], contextColumns: ['age'] }, limits, (line) => warnings.push(line)).columns.age.type).toBe('numeric');
    expect(warnings).toEqual([]);
  });
});
