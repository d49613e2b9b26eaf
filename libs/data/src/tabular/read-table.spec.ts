import { DataError } from '../errors/data-error';
import { useTempDir, writeText } from '../testing/fixtures';
import { readTable, skippedRowsReport, streamTable } from './read-table';
import { rowLocation } from './row';
import { TableSchemaInput } from './table-schema';

const dir = useTempDir();
const schema: TableSchemaInput = {
  columns: { age: { type: 'numeric' }, colour: { type: 'categorical' }, outcome: { type: 'label', task: 'binary' } },
};
const csv = (name: string, text: string) => writeText(dir(), name, text);

describe('readTable', () => {
  it('parses schema columns, keeps other columns raw, and remembers each row’s line', async () => {
    const file = await csv('good.csv', 'id,age,colour,outcome\np1,41,red,yes\np2, 7.5 ,blue,no\n');
    const table = await readTable(file, schema);
    expect(table.columns).toEqual(['id', 'age', 'colour', 'outcome']);
    expect(table.data).toEqual([
      { id: 'p1', age: 41, colour: 'red', outcome: 'yes' },
      { id: 'p2', age: 7.5, colour: 'blue', outcome: 'no' },
    ]);
    expect(rowLocation(table.data[1], 1, 'age')).toEqual({ file, line: 3, column: 'age' });
    expect(table.skipped).toBe(0);
  });

  it.each([
    ['text in a numeric column', 'age,colour,outcome\n41,red,yes\nold,red,no\n', ':3: column "age": expected a finite number, received "old"'],
    ['NaN', 'age,colour,outcome\nNaN,red,yes\n', ':2: column "age": expected a finite number, received "NaN"'],
    ['Infinity', 'age,colour,outcome\n1,red,yes\n-Infinity,red,no\n', ':3: column "age": expected a finite number, received "-Infinity"'],
    ['too many columns', 'age,colour,outcome\n1,red,yes,extra\n', ':2: expected 3 columns, received 4'],
    ['a truncated last line', 'age,colour,outcome\n1,red,yes\n2,bl', ':3: expected 3 columns, received 2'],
    ['a truncated quoted field', 'age,colour,outcome\n1,"red', ':2: expected a closing quote before the end of the file, received none (is the file truncated?)'],
    ['a missing value where the policy is error', 'age,colour,outcome\n,red,yes\n', ':2: column "age": expected a finite number, received a missing value ("")'],
    ['an empty file', '', ': expected a header line, received an empty file'],
    ['a header only', 'age,colour,outcome\n', ': expected at least one data row, received only the header'],
    ['a missing column', 'age,outcome\n1,yes\n', ':1: expected a column "colour" (from the schema), received the columns: age, outcome'],
    ['a duplicate header name', 'age,age,colour,outcome\n1,1,red,yes\n', ':1: column "age": appears twice in the header; expected unique column names'],
  ])('fails on %s with file, line and column', async (name, text, message) => {
    const file = await csv(`${name.replace(/\W+/g, '-')}.csv`, text);
    const error = await readTable(file, schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toBe(`${file}${message}`);
  });

  it('with skipBadRows, skips and counts bad rows and reports how many and why', async () => {
    const file = await csv('some-bad.csv', 'age,colour,outcome\n1,red,yes\nx,red,no\n2,blue\n3,blue,no\nInfinity,red,yes\n');
    const table = await readTable(file, schema, { skipBadRows: true, keepBadRows: 2 });
    expect(table.data.map((row) => row.age)).toEqual([1, 3]);
    expect(table.skipped).toBe(3);
    expect(skippedRowsReport(table)).toBe(
      [
        `${file}: read 2 rows, skipped 3 bad rows:`,
        `  - ${file}:3: column "age": expected a finite number, received "x"`,
        `  - ${file}:4: expected 3 columns, received 2`,
        '  - … and 1 more',
      ].join('\n'),
    );
  });

  it('with skipBadRows, still fails when every row is bad', async () => {
    const file = await csv('all-bad.csv', 'age,colour,outcome\nx,red,no\n');
    await expect(readTable(file, schema, { skipBadRows: true })).rejects.toThrow(
      `${file}: expected at least one good row, received 1 bad rows; first: ${file}:2: column "age": expected a finite number, received "x"`,
    );
  });

  it('reads a headerless file with columnNames, another delimiter and quotes as text', async () => {
    const file = await csv('sentences.txt', 'A "great" phone\t1\nBad.\t0\n');
    const table = await readTable(file, {
      columnNames: ['sentence', 'label'],
      delimiter: '\t',
      quote: false,
      columns: { sentence: { type: 'text' }, label: { type: 'label', task: 'binary' } },
    });
    expect(table.data).toEqual([
      { sentence: 'A "great" phone', label: '1' },
      { sentence: 'Bad.', label: '0' },
    ]);
  });

  it('streams rows one at a time', async () => {
    const file = await csv('stream.csv', 'age,colour,outcome\n1,red,yes\n2,red,no\n');
    const ages: unknown[] = [];
    for await (const row of streamTable(file, schema)) ages.push(row.age);
    expect(ages).toEqual([1, 2]);
  });

  it('rejects an invalid schema once, naming every problem', async () => {
    await expect(readTable('x.csv', { columns: { a: { type: 'numeric', missing: 'zero' } } } as unknown as TableSchemaInput)).rejects.toThrow(
      'Invalid table schema:\n  - columns.a.missing:',
    );
  });
});
