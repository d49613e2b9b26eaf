import { OutputBatch } from './input-batch';
import { HeadLabels, labelPrediction } from './label-outputs';

/** A JSON value of nested number arrays. */
export type NestedNumbers = number | NestedNumbers[];

/** `values` of `shape` as nested arrays (row-major). */
export function toNested(values: Float32Array, shape: readonly number[], offset = 0): NestedNumbers[] {
  const [size, ...rest] = shape;
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: size }, (_, i) => (rest.length === 0 ? values[offset + i] : toNested(values, rest, offset + i * stride)));
}

/**
 * TensorFlow Serving's row answer: one prediction per example; a single-head model gives the head's value
 * itself, a multi-head model an object keyed by head name.
 */
export function rowPredictions(outputs: Record<string, OutputBatch>): unknown[] {
  const heads = Object.entries(outputs).map(([name, output]) => [name, toNested(output.values, output.shape)] as const);
  const count = heads[0]?.[1].length ?? 0;
  return Array.from({ length: count }, (_, i) => (heads.length === 1 ? heads[0][1][i] : Object.fromEntries(heads.map(([name, rows]) => [name, rows[i]]))));
}

/** TensorFlow Serving's columnar answer: each head's whole output (the output itself for a single head). */
export function columnarOutputs(outputs: Record<string, OutputBatch>): unknown {
  const heads = Object.entries(outputs).map(([name, output]) => [name, toNested(output.values, output.shape)] as const);
  return heads.length === 1 ? heads[0][1] : Object.fromEntries(heads);
}

/**
 * The answer to raw `records`: one object per record keyed by head, each head in its own terms (class names and
 * probabilities, or values; `labelPrediction`), as `mimo <app> predict` prints them.
 */
export function labelledPredictions(outputs: Record<string, OutputBatch>, labels: Record<string, HeadLabels>): Record<string, unknown>[] {
  const heads = Object.entries(outputs);
  const count = heads[0]?.[1].shape[0] ?? 0;
  return Array.from({ length: count }, (_, i) =>
    Object.fromEntries(
      heads.map(([name, output]) => {
        const width = output.values.length / count;
        const values = Array.from(output.values.subarray(i * width, (i + 1) * width));
        return [name, labels[name] ? labelPrediction(values, labels[name]) : values];
      }),
    ),
  );
}
