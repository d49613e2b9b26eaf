import * as tf from '@tensorflow/tfjs';
import { headFor } from '../../model/build-model';
import { inputShape } from '../../spec/input-kinds';
import { ModelSpec } from '../../spec/model-spec';
import { dataTensors, SampleWeights, TrainingData } from './training-data';

/** Data that does not fit the spec: names the input or head, the expected and the received shape. */
export class DataShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataShapeError';
  }
}

function describeShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => d ?? 'any').join(', ')}]`;
}

function checkShape(what: string, tensor: tf.Tensor, expected: (number | null)[]): void {
  const fits = tensor.rank === expected.length && expected.every((d, i) => d === null || d === tensor.shape[i]);
  if (!fits) throw new DataShapeError(`${what}: expected shape ${describeShape(expected)}, received ${describeShape(tensor.shape)}`);
}

function checkNames(kind: 'input' | 'head', expected: string[], received: string[]): void {
  const missing = expected.filter((name) => !received.includes(name));
  const extra = received.filter((name) => !expected.includes(name));
  if (missing.length) throw new DataShapeError(`missing ${kind} '${missing[0]}' (the spec's ${kind}s: ${expected.join(', ')})`);
  if (extra.length) throw new DataShapeError(`unknown ${kind} '${extra[0]}' (the spec's ${kind}s: ${expected.join(', ')})`);
}

function checkWeights(weights: SampleWeights | undefined, heads: string[], examples: number): void {
  if (weights === undefined) return;
  if (weights instanceof tf.Tensor) return checkShape('sampleWeights', weights, [examples]);
  for (const [head, tensor] of Object.entries(weights)) {
    if (!heads.includes(head)) throw new DataShapeError(`sampleWeights names head '${head}', which the spec does not have (the spec's heads: ${heads.join(', ')})`);
    checkShape(`sampleWeights.${head}`, tensor, [examples]);
  }
}

/**
 * Checks that data fits a spec before anything trains: every input and head present, nothing unknown, every
 * shape `[n, …]` with one `n` throughout. Returns `n`.
 * Throws `DataShapeError`, e.g. `input 'xray': expected shape [any, 28, 28, 1], received [16, 28, 28]`.
 */
export function checkTrainingData(spec: ModelSpec, data: TrainingData): number {
  const inputs = Object.keys(spec.inputs);
  const heads = Object.keys(spec.heads);
  checkNames('input', inputs, Object.keys(data.xs));
  checkNames('head', heads, Object.keys(data.ys));
  for (const name of inputs) checkShape(`input '${name}'`, data.xs[name], [null, ...inputShape(spec.inputs[name])]);
  for (const name of heads) checkShape(`head '${name}'`, data.ys[name], [null, headFor(spec.heads[name]).outputUnits(spec.heads[name])]);
  const examples = data.xs[inputs[0]].shape[0];
  for (const [kind, names, tensors] of [['input', inputs, data.xs], ['head', heads, data.ys]] as const) {
    for (const name of names) {
      if (tensors[name].shape[0] !== examples) {
        throw new DataShapeError(`${kind} '${name}' has ${tensors[name].shape[0]} examples, but input '${inputs[0]}' has ${examples}`);
      }
    }
  }
  checkWeights(data.sampleWeights, heads, examples);
  if (dataTensors(data).some((t) => t.isDisposed)) throw new DataShapeError('a data tensor has already been disposed');
  return examples;
}
