import * as tf from '@tensorflow/tfjs';

/** One model input for a whole request, as plain typed memory: `shape[0]` is the number of examples. */
export interface InputBatch {
  dtype: 'float32' | 'int32';
  shape: number[];
  values: Float32Array | Int32Array;
}

/** Per-input batches of one request, keyed by the spec's input names. */
export type InputBatches = Record<string, InputBatch>;

/** One head's output for the examples of a request. */
export interface OutputBatch {
  shape: number[];
  values: Float32Array;
}

export function exampleCount(inputs: InputBatches): number {
  const first = Object.values(inputs)[0];
  return first ? first.shape[0] : 0;
}

/** The per-example shapes, so that requests of different variable lengths are never stacked together. */
export function shapeSignature(inputs: InputBatches): string {
  return Object.keys(inputs)
    .sort()
    .map((name) => `${name}:${inputs[name].shape.slice(1).join('x')}`)
    .join(',');
}

/** Copies a tensor into an InputBatch (reads it synchronously; the caller still owns and disposes the tensor). */
export function inputBatchFromTensor(tensor: tf.Tensor): InputBatch {
  const dtype = tensor.dtype === 'int32' ? 'int32' : 'float32';
  const data = tensor.dataSync();
  return { dtype, shape: [...tensor.shape], values: dtype === 'int32' ? Int32Array.from(data) : Float32Array.from(data) };
}

/** Stacks the same input of several requests along the batch axis. */
export function concatInputBatches(parts: readonly InputBatch[]): InputBatch {
  if (parts.length === 1) return parts[0];
  const total = parts.reduce((sum, p) => sum + p.values.length, 0);
  const values = parts[0].dtype === 'int32' ? new Int32Array(total) : new Float32Array(total);
  let offset = 0;
  for (const part of parts) {
    values.set(part.values, offset);
    offset += part.values.length;
  }
  return { dtype: parts[0].dtype, shape: [parts.reduce((sum, p) => sum + p.shape[0], 0), ...parts[0].shape.slice(1)], values };
}

/** Rows `[start, start + count)` of a head's output. */
export function sliceOutputRows(output: OutputBatch, start: number, count: number): OutputBatch {
  const rowSize = output.shape.slice(1).reduce((a, b) => a * b, 1);
  return { shape: [count, ...output.shape.slice(1)], values: output.values.slice(start * rowSize, (start + count) * rowSize) };
}
