import { fieldOfError, parseCsv } from './record-form';

const fields = [
  { name: 'prices', kind: 'price rows', required: true, example: [] },
  { name: 'image', kind: 'image', required: true, example: 'x.png' },
  { name: 'age', kind: 'number', required: true, example: 40 },
];

describe('the record form', () => {
  it('reads a pasted CSV series as rows, numbers as numbers', () => {
    expect(parseCsv('date,close\n2024-01-02,101.5\n2024-01-03, 99\n')).toEqual([
      { date: '2024-01-02', close: 101.5 },
      { date: '2024-01-03', close: 99 },
    ]);
    expect(() => parseCsv('date,close')).toThrow('expected a header row and at least one data row');
    expect(() => parseCsv('date,close\n2024-01-02')).toThrow('row 2 has 1 cells, the header 2');
  });

  it('puts a server error beside the field it names, by its field path or its message', () => {
    expect(fieldOfError(fields, 'records[0].image', 'records[0].image: expected base64')).toBe('image');
    expect(fieldOfError(fields, 'records', "row 1, column age: expected a number, received 'x'")).toBe('age');
    expect(fieldOfError(fields, 'records', "records: 'prices' needs at least 6 rows")).toBe('prices');
    expect(fieldOfError(fields, 'records', 'something else went wrong')).toBeUndefined();
  });
});
