import * as tf from '@tensorflow/tfjs';

/** What a replayable step returns: nothing, a tensor, a list of tensors or tensors by name. */
export type StepResult = void | tf.Tensor | tf.Tensor[] | { [name: string]: tf.Tensor };

/** A step result's tensors in order, and how to put tensors back in its place. */
export interface FlatResult<R extends StepResult> {
  tensors: tf.Tensor[];
  rebuild(tensors: tf.Tensor[]): R;
  /** Equal for two results of the same structure. */
  structure: string;
}

export function flattenResult<R extends StepResult>(result: R): FlatResult<R> {
  if (result === undefined) return { tensors: [], rebuild: () => undefined as R, structure: 'void' };
  if (result instanceof tf.Tensor) return { tensors: [result], rebuild: ([t]) => t as R, structure: 'tensor' };
  if (Array.isArray(result)) {
    checkTensors(result, (i) => `element ${i}`);
    return { tensors: [...result], rebuild: (tensors) => tensors as R, structure: `list ${result.length}` };
  }
  if (typeof result === 'object' && result !== null) {
    const names = Object.keys(result);
    const tensors = names.map((name) => (result as Record<string, tf.Tensor>)[name]);
    checkTensors(tensors, (i) => `'${names[i]}'`);
    return { tensors, rebuild: (values) => Object.fromEntries(names.map((name, i) => [name, values[i]])) as R, structure: `names ${names.join(',')}` };
  }
  throw new TypeError(`a replayable step returns nothing, a tensor, a list of tensors or tensors by name; it returned ${typeof result}`);
}

function checkTensors(values: unknown[], where: (i: number) => string): void {
  const bad = values.findIndex((value) => !(value instanceof tf.Tensor));
  if (bad >= 0) throw new TypeError(`a replayable step returns tensors only; its result's ${where(bad)} is ${typeof values[bad]}`);
}
