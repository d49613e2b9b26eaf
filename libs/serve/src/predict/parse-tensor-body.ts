import { inputDtype, ModelSpec } from '@mimo/core';
import { InputShapeSpec } from '@mimo/core/internal';
import { InputBatch, InputBatches } from './input-batch';
import { ExampleValues, readExample } from './read-example';
import { describeValue, RequestError } from './request-error';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkCount(count: number, maxInstances: number, field: string): void {
  if (count === 0) throw RequestError.badRequest('bad_request', field, 'expected at least one instance, received none');
  if (count > maxInstances) throw new RequestError(400, 'too_many_instances', `expected at most ${maxInstances} instances, received ${count}`, field);
}

/** Stacks the examples of one input; every example must have the shape of the first (variable lengths included). */
function stack(name: string, input: InputShapeSpec, examples: ExampleValues[], fieldOf: (i: number) => string): InputBatch {
  const first = examples[0].shape;
  examples.forEach((example, i) => {
    if (example.shape.join() !== first.join()) {
      throw RequestError.badRequest('bad_shape', fieldOf(i), `expected the shape of the first example [${first.join(', ')}] (one request is one batch), received [${example.shape.join(', ')}]`);
    }
  });
  const dtype = inputDtype(input);
  const flat = examples.flatMap((example) => example.values);
  return { dtype, shape: [examples.length, ...first], values: dtype === 'int32' ? Int32Array.from(flat) : Float32Array.from(flat) };
}

function checkKeys(object: Record<string, unknown>, spec: ModelSpec, field: string): void {
  const names = Object.keys(spec.inputs);
  for (const key of Object.keys(object)) {
    if (!names.includes(key)) throw RequestError.badRequest('unknown_input', field ? `${field}.${key}` : key, `expected one of the model's inputs (${names.join(', ')}), received an unknown input`);
  }
  for (const name of names) {
    if (!(name in object)) throw RequestError.badRequest('missing_input', field ? `${field}.${name}` : name, `expected input "${name}" (${spec.inputs[name].kind}), received nothing`);
  }
}

/**
 * TensorFlow Serving's row format: `instances` is a list with one entry per example, each an object keyed by
 * input name (or, for a single-input model, the input's value itself).
 */
export function parseInstances(instances: unknown, spec: ModelSpec, maxInstances: number): InputBatches {
  if (!Array.isArray(instances)) throw RequestError.badRequest('bad_type', 'instances', `expected an array, received ${describeValue(instances)}`);
  checkCount(instances.length, maxInstances, 'instances');
  const names = Object.keys(spec.inputs);
  const single = names.length === 1 ? names[0] : undefined;
  const perInput: Record<string, ExampleValues[]> = Object.fromEntries(names.map((name) => [name, []]));
  instances.forEach((instance, i) => {
    const at = `instances[${i}]`;
    const named = single && !(isPlainObject(instance) && single in instance) ? { [single]: instance } : instance;
    if (!isPlainObject(named)) throw RequestError.badRequest('bad_type', at, `expected an object keyed by input name (${names.join(', ')}), received ${describeValue(instance)}`);
    checkKeys(named, spec, at);
    for (const name of names) perInput[name].push(readExample(named[name], spec.inputs[name], single && named !== instance ? at : `${at}.${name}`));
  });
  return Object.fromEntries(names.map((name) => [name, stack(name, spec.inputs[name], perInput[name], (i) => `instances[${i}].${name}`)]));
}

/** TensorFlow Serving's columnar format: `inputs` maps each input name to its list of examples (a single-input model may send the list itself). */
export function parseColumns(inputs: unknown, spec: ModelSpec, maxInstances: number): InputBatches {
  const names = Object.keys(spec.inputs);
  const named = names.length === 1 && Array.isArray(inputs) ? { [names[0]]: inputs } : inputs;
  if (!isPlainObject(named)) throw RequestError.badRequest('bad_type', 'inputs', `expected an object keyed by input name (${names.join(', ')}), received ${describeValue(inputs)}`);
  checkKeys(named, spec, 'inputs');
  let count: number | undefined;
  const out: InputBatches = {};
  for (const name of names) {
    const column = named[name];
    const field = `inputs.${name}`;
    if (!Array.isArray(column)) throw RequestError.badRequest('bad_type', field, `expected an array with one entry per example, received ${describeValue(column)}`);
    checkCount(column.length, maxInstances, field);
    if (count !== undefined && column.length !== count) throw RequestError.badRequest('bad_shape', field, `expected ${count} examples (as many as the first input), received ${column.length}`);
    count = column.length;
    const examples = column.map((value, i) => readExample(value, spec.inputs[name], `${field}[${i}]`));
    out[name] = stack(name, spec.inputs[name], examples, (i) => `${field}[${i}]`);
  }
  return out;
}
