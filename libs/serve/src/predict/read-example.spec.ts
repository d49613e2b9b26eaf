import { readExample } from './read-example';
import { RequestError } from './request-error';

function problem(run: () => unknown): { code: string; field?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a RequestError');
}

describe('readExample', () => {
  const image = { kind: 'image' as const, height: 2, width: 2, channels: 1 };
  const sequence = { kind: 'sequence' as const, steps: null, features: 2 };
  const tokens = { kind: 'tokens' as const, vocabSize: 5, maxLength: 3 };

  it('reads nested arrays in row-major order, with variable lengths and bare numbers for shape [1]', () => {
    expect(readExample([[[1], [2]], [[3], [4]]], image, 'x')).toEqual({ shape: [2, 2, 1], values: [1, 2, 3, 4] });
    expect(readExample([[1, 2], [3, 4], [5, 6]], sequence, 'x')).toEqual({ shape: [3, 2], values: [1, 2, 3, 4, 5, 6] });
    expect(readExample(4, { kind: 'categorical', vocabSize: 5, length: 1 }, 'x')).toEqual({ shape: [1], values: [4] });
  });

  it.each([
    ['a scalar for an image', () => readExample(1, image, 'x'), 'bad_shape', 'x'],
    ['a short row', () => readExample([[[1], [2]], [[3]]], image, 'x'), 'bad_shape', 'x[1]'],
    ['too deep', () => readExample([[[[1]], [2]], [[3], [4]]], image, 'x'), 'bad_type', 'x[0][0][0]'],
    ['ragged variable length', () => readExample([[1, 2], [3]], sequence, 'x'), 'bad_shape', 'x[1]'],
    ['empty variable length', () => readExample([], sequence, 'x'), 'bad_shape', 'x'],
    ['a string', () => readExample([1, '2', 3], tokens, 'x'), 'bad_type', 'x[1]'],
    ['an id past the vocabulary', () => readExample([1, 5, 0], tokens, 'x'), 'bad_value', 'x[1]'],
    ['a negative id', () => readExample([1, -1, 0], tokens, 'x'), 'bad_value', 'x[1]'],
    ['beyond float32', () => readExample([[1, 1e39]], sequence, 'x'), 'bad_value', 'x[0][1]'],
  ])('refuses %s, naming the field', (_case, run, code, field) => {
    expect(problem(run)).toEqual({ code, field });
  });
});
