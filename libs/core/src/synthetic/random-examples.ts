import * as tf from '@tensorflow/tfjs';
import { HeadConfig } from '../heads';
import { SeededRandom } from '../random/seeded-random';
import { inputDtype, inputShape, InputShapeSpec } from '../spec/input-kinds';
import { ModelSpec } from '../spec/model-spec';

export type TensorMap = Record<string, tf.Tensor>;

function randomInputValues(input: InputShapeSpec, n: number, variableSteps: number, rng: SeededRandom): number[] {
  const values: number[] = [];
  switch (input.kind) {
    case 'numeric':
      for (let i = 0; i < n * input.size; i++) values.push(rng.normal());
      break;
    case 'categorical':
      for (let i = 0; i < n * input.length; i++) values.push(rng.int(0, input.vocabSize));
      break;
    case 'tokens':
      // Random lengths with zero padding at the end, as real padded text looks.
      for (let i = 0; i < n; i++) {
        const length = rng.int(1, input.maxLength + 1);
        for (let t = 0; t < input.maxLength; t++) values.push(t < length ? rng.int(1, Math.max(2, input.vocabSize)) : 0);
      }
      break;
    case 'token-groups':
      // Each group holds a random number of texts (none at all for some), each text a random length.
      for (let g = 0; g < n * input.groups; g++) {
        const texts = rng.int(0, input.texts + 1);
        for (let t = 0; t < input.texts; t++) {
          const length = t < texts ? rng.int(1, input.maxLength + 1) : 0;
          for (let w = 0; w < input.maxLength; w++) values.push(w < length ? rng.int(1, Math.max(2, input.vocabSize)) : 0);
        }
      }
      break;
    case 'image':
      for (let i = 0; i < n * input.height * input.width * input.channels; i++) values.push(rng.next());
      break;
    case 'sequence':
      for (let i = 0; i < n * (input.steps ?? variableSteps) * input.features; i++) values.push(rng.normal());
      break;
  }
  return values;
}

/** Random inputs of the right shapes and dtypes, e.g. for smoke tests (`steps` fills variable-length series). */
export function randomInputs(spec: ModelSpec, n: number, seed = 1, steps = 8): TensorMap {
  const rng = new SeededRandom(seed);
  const tensors: TensorMap = {};
  for (const [name, input] of Object.entries(spec.inputs)) {
    const shape = inputShape(input).map((d) => d ?? steps);
    tensors[name] = tf.tensor(randomInputValues(input, n, steps, rng), [n, ...shape], inputDtype(input));
  }
  return tensors;
}

function randomTargetRow(head: HeadConfig, rng: SeededRandom): number[] {
  switch (head.type) {
    case 'binary':
      return [rng.int(0, 2)];
    case 'multiclass': {
      const row = new Array<number>(head.classes).fill(0);
      row[rng.int(0, head.classes)] = 1;
      return row;
    }
    case 'multilabel':
      return Array.from({ length: head.labels }, () => rng.int(0, 2));
    case 'regression':
      return Array.from({ length: head.outputs }, () => rng.normal());
  }
}

/** Random targets in each head's format (0/1, one-hot, multi-hot, real). */
export function randomTargets(spec: ModelSpec, n: number, seed = 2): TensorMap {
  const rng = new SeededRandom(seed);
  const tensors: TensorMap = {};
  for (const [name, head] of Object.entries(spec.heads)) {
    const rows = Array.from({ length: n }, () => randomTargetRow(head, rng));
    tensors[name] = tf.tensor2d(rows);
  }
  return tensors;
}
