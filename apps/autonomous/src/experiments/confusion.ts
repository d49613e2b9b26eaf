import * as tf from '@tensorflow/tfjs';
import { confusionMatrix } from '@mimo/app-kit';

/** A confusion matrix with its class names: `counts[actual][predicted]` (the kit's `confusionMatrix`). */
export interface Confusion {
  classes: string[];
  counts: number[][];
}

/** Counts actual × predicted class indices, named by `classes`. */
export function namedConfusion(actual: readonly number[], predicted: readonly number[], classes: readonly string[]): Confusion {
  return { classes: [...classes], counts: confusionMatrix(actual, predicted, classes.length) };
}

/** Share of the diagonal. */
export function accuracyOf(confusion: Confusion): number {
  const total = confusion.counts.flat().reduce((a, b) => a + b, 0);
  return total === 0 ? 0 : confusion.counts.reduce((sum, row, i) => sum + row[i], 0) / total;
}

/** Argmax of each row of `[n, k]` probabilities (or one-hot labels). */
export function argmaxRows(y: tf.Tensor): number[] {
  return tf.tidy(() => Array.from(y.argMax(-1).dataSync()));
}
