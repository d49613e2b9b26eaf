import { DataError, describeReceived, formatLocation } from './data-error';

describe('DataError', () => {
  it('names file, line and column, then what was expected and received', () => {
    const error = DataError.expected({ file: 'data.csv', line: 12, column: 'age' }, 'a finite number', 'NaN');
    expect(error.message).toBe('data.csv:12: column "age": expected a finite number, received "NaN"');
    expect(error.location).toEqual({ file: 'data.csv', line: 12, column: 'age' });
  });

  it('names a row when there is no file, and says nothing it does not know', () => {
    expect(formatLocation({ row: 3, column: 'x' })).toBe('row 3: column "x": ');
    expect(formatLocation({ file: 'request', row: 1 })).toBe('request: row 1: ');
    expect(formatLocation({})).toBe('');
  });

  it('quotes strings, shortens long ones and calls null a missing value', () => {
    expect(describeReceived(null)).toBe('a missing value');
    expect(describeReceived('x'.repeat(100))).toBe(`"${'x'.repeat(60)}"…`);
    expect(describeReceived(3)).toBe('3');
  });

  it('bounds a problem\'s length (a parser may quote a whole file)', () => {
    const error = new DataError({ file: 'f.jsonl', line: 1 }, `not valid JSON (${'x'.repeat(10_000)})`);
    expect(error.message.length).toBeLessThan(DataError.MAX_PROBLEM_LENGTH + 20);
    expect(error.message.endsWith('…')).toBe(true);
  });

  it('shows objects and arrays as JSON, shortened', () => {
    expect(describeReceived({})).toBe('{}');
    expect(describeReceived([1, 2])).toBe('[1,2]');
    expect(describeReceived({ long: 'y'.repeat(100) })).toBe(`{"long":"${'y'.repeat(51)}…`);
  });
});
