import { duplicateJsonKey } from './duplicate-json-key';

describe('duplicateJsonKey', () => {
  it('finds a key given twice in an object, at any depth, naming where', () => {
    expect(duplicateJsonKey('{"age": 3, "age": "forty"}')).toEqual({ key: 'age', path: '$' });
    expect(duplicateJsonKey('{"instances": [{"a": 1}, {"a": 1, "b": {"c": 1, "c": 2}}]}')).toEqual({ key: 'c', path: '$.instances[1].b' });
  });

  it('compares keys as JSON reads them (escapes decoded), not as written', () => {
    expect(duplicateJsonKey('{"a": 1, "\\u0061": 2}')).toEqual({ key: 'a', path: '$' });
    // A string ending in an escaped backslash ends at the next quote; an escaped quote does not end it.
    expect(duplicateJsonKey('{"t": "x\\\\", "t": 1}')).toEqual({ key: 't', path: '$' });
    expect(duplicateJsonKey('{"t": "x\\", \\"t\\": 1", "u": 2}')).toBeUndefined();
  });

  it('accepts the same key in sibling objects, keys repeated inside string values, and values equal to keys', () => {
    expect(duplicateJsonKey('[{"a": 1}, {"a": 2}]')).toBeUndefined();
    expect(duplicateJsonKey('{"text": "a \\"b\\", \\"b\\": {", "b": "text", "c": ["b", "b"]}')).toBeUndefined();
    expect(duplicateJsonKey('{"a": {"a": {"a": 1}}}')).toBeUndefined();
    expect(duplicateJsonKey('42')).toBeUndefined();
  });
});
