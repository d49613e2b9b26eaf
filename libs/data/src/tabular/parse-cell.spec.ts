import * as path from 'path';
import { parseCell, parseNumber } from './parse-cell';
import { ColumnSchema } from './table-schema';

const location = { file: 'f.csv', line: 2, column: 'c' };
const context = { location, missingMarkers: ['', '?'], baseDir: '/data' };
const column = (config: object) => ColumnSchema.parse(config);

describe('parseCell', () => {
  it('reads decimal numbers and rejects NaN, Infinity, hex and text', () => {
    expect(parseNumber(' -1.5e3 ', location)).toBe(-1500);
    expect(parseNumber('.5', location)).toBe(0.5);
    for (const bad of ['NaN', 'Infinity', '-Infinity', '0x10', 'abc', '1,5', '1e999']) {
      expect(() => parseNumber(bad, location)).toThrow(`f.csv:2: column "c": expected a finite number, received "${bad}"`);
    }
    expect(() => parseNumber(NaN, location)).toThrow('expected a finite number, received NaN');
  });

  it('turns a missing marker into null where the policy allows it, else an error', () => {
    expect(parseCell('?', column({ type: 'numeric', missing: 'mean' }), context)).toBeNull();
    expect(parseCell(undefined, column({ type: 'categorical', missing: 'mode' }), context)).toBeNull();
    expect(() => parseCell('', column({ type: 'numeric' }), context)).toThrow('f.csv:2: column "c": expected a finite number, received a missing value ("")');
    expect(() => parseCell(null, column({ type: 'label', task: 'binary' }), context)).toThrow('expected a class label, received a missing value');
  });

  it('parses ISO dates as UTC and rejects other date formats', () => {
    expect(parseCell('2014-01-02', column({ type: 'time' }), context)).toBe(Date.UTC(2014, 0, 2));
    expect(parseCell('1388620800000', column({ type: 'time' }), context)).toBe(Date.UTC(2014, 0, 2));
    expect(() => parseCell('02/01/2014', column({ type: 'time' }), context)).toThrow(
      'expected a date or time (ISO 8601, e.g. 2014-01-02, or epoch milliseconds), received "02/01/2014"',
    );
  });

  it('resolves image paths against the base folder (and the column baseDir)', () => {
    expect(parseCell('a/b.png', column({ type: 'image' }), context)).toBe(path.resolve('/data/a/b.png'));
    expect(parseCell('b.png', column({ type: 'image', baseDir: 'imgs' }), context)).toBe(path.resolve('/data/imgs/b.png'));
  });

  it('keeps categories trimmed, texts as they are, and regression labels as numbers', () => {
    expect(parseCell(' red ', column({ type: 'categorical' }), context)).toBe('red');
    expect(parseCell(' Hi! ', column({ type: 'text' }), context)).toBe(' Hi! ');
    expect(parseCell(7, column({ type: 'categorical' }), context)).toBe('7');
    expect(parseCell('2.5', column({ type: 'label', task: 'regression' }), context)).toBe(2.5);
  });
});
