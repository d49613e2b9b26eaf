import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { HeadConfig } from '../../heads';
import { ModelSpec } from '../../spec/model-spec';

export const ClassWeightSchema = z
  .union([z.array(z.number().nonnegative()).min(2), z.literal('balanced')])
  .describe("Loss weight of each class, by class index ([w0, w1] for a binary head), or 'balanced': n / (classes · count of the class).");

export type ClassWeight = z.infer<typeof ClassWeightSchema>;

function classCount(head: HeadConfig): number | undefined {
  if (head.type === 'binary') return 2;
  if (head.type === 'multiclass') return head.classes;
  return undefined;
}

/** Checks class weights against the spec's heads; names the head and says what was expected. */
export function checkClassWeights(spec: ModelSpec, classWeights: Record<string, ClassWeight>): void {
  for (const [name, weights] of Object.entries(classWeights)) {
    const head = spec.heads[name];
    if (!head) throw new Error(`classWeights names head '${name}', which the spec does not have (heads: ${Object.keys(spec.heads).join(', ')})`);
    const classes = classCount(head);
    if (classes === undefined) throw new Error(`classWeights: head '${name}' is ${head.type}; class weights apply to binary and multiclass heads`);
    if (weights !== 'balanced' && weights.length !== classes) {
      throw new Error(`classWeights.${name}: expected ${classes} weights (one per class), received ${weights.length}`);
    }
  }
}

/** Examples per class of a binary `[n, 1]` or one-hot `[n, classes]` target. */
function countClasses(targets: tf.Tensor): number[] {
  return tf.tidy(() => {
    if (targets.shape[1] === 1) {
      const positives = tf.sum(targets).dataSync()[0];
      return [targets.shape[0] - positives, positives];
    }
    return Array.from(tf.sum(targets, 0).dataSync());
  });
}

/** Resolves `'balanced'` from the training targets (sklearn's rule); explicit weights pass through. */
export function resolveClassWeights(weights: ClassWeight, targets: tf.Tensor): number[] {
  if (weights !== 'balanced') return weights;
  const counts = countClasses(targets);
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((count) => (count > 0 ? total / (counts.length * count) : 0));
}

/** Per-example weight from the target's class: `[n, 1]` 0/1 → `w0·(1−y) + w1·y`; one-hot `[n, k]` → `y · w`. */
export function classWeightPerExample(targets: tf.Tensor, weights: number[]): tf.Tensor1D {
  return tf.tidy(() => {
    if (targets.shape[1] === 1) return tf.reshape(tf.add(tf.mul(tf.sub(1, targets), weights[0]), tf.mul(targets, weights[1])), [-1]) as tf.Tensor1D;
    return tf.reshape(tf.matMul(targets, tf.tensor2d(weights, [weights.length, 1])), [-1]) as tf.Tensor1D;
  });
}
