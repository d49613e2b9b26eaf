import { inputDtype, inputShape } from '@mimo/core';
import { InputShapeSpec } from '@mimo/core/internal';
import { describeValue, RequestError } from './request-error';

/** The longest variable-length dimension (e.g. time steps of a `steps: null` sequence) a request may send. */
export const MAX_VARIABLE_LENGTH = 4096;

const FLOAT32_MAX = 3.4028234663852886e38;

/** A single example of one input: its shape (no batch dimension) and its values in row-major order. */
export interface ExampleValues {
  shape: number[];
  values: number[];
}

function checkNumber(value: unknown, input: InputShapeSpec, field: string): number {
  if (typeof value !== 'number') throw RequestError.badRequest('bad_type', field, `expected a number, received ${describeValue(value)}`);
  if (!Number.isFinite(value) || Math.abs(value) > FLOAT32_MAX) throw RequestError.badRequest('bad_value', field, `expected a finite number, received ${value}`);
  if (inputDtype(input) === 'int32') {
    const vocabSize = input.kind === 'categorical' || input.kind === 'tokens' || input.kind === 'token-groups' ? input.vocabSize : 0;
    if (!Number.isInteger(value) || value < 0 || value >= vocabSize) {
      throw RequestError.badRequest('bad_value', field, `expected an integer id from 0 to ${vocabSize - 1} (${input.kind} input), received ${value}`);
    }
  }
  return value;
}

/**
 * Reads one example of `input` from nested JSON arrays, checking shape, type and range: `[batch-less shape]`
 * as `inputShape` gives it (a `null` dimension takes the length found, up to MAX_VARIABLE_LENGTH). A bare
 * number is accepted for an input of shape `[1]`. Never recurses deeper than the input's rank.
 */
export function readExample(value: unknown, input: InputShapeSpec, field: string): ExampleValues {
  const expected = inputShape(input);
  if (expected.length === 1 && expected[0] === 1 && typeof value === 'number') return { shape: [1], values: [checkNumber(value, input, field)] };
  const shape: number[] = [];
  const values: number[] = [];
  const shown = () => `[${expected.map((d) => d ?? 'any').join(', ')}]`;
  const walk = (node: unknown, depth: number, at: string): void => {
    if (depth === expected.length) {
      values.push(checkNumber(node, input, at));
      return;
    }
    if (!Array.isArray(node)) {
      throw RequestError.badRequest('bad_shape', at, `expected an array (${input.kind} input of shape ${shown()}, dimension ${depth + 1}), received ${describeValue(node)}`);
    }
    const want = shape[depth] ?? expected[depth];
    if (want === null) {
      if (node.length === 0 || node.length > MAX_VARIABLE_LENGTH) throw RequestError.badRequest('bad_shape', at, `expected 1 to ${MAX_VARIABLE_LENGTH} entries, received ${node.length}`);
      shape[depth] = node.length;
    } else if (node.length !== want) {
      throw RequestError.badRequest('bad_shape', at, `expected ${want} entries (${input.kind} input of shape ${shown()}), received ${node.length}`);
    } else {
      shape[depth] = want;
    }
    node.forEach((child, i) => walk(child, depth + 1, `${at}[${i}]`));
  };
  walk(value, 0, field);
  return { shape, values };
}
