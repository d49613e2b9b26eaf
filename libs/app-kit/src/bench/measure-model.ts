import * as tf from '@tensorflow/tfjs';
import { ModelSpec, randomInputs, TensorMap } from '@mimo/core';
import { promises as fs } from 'fs';
import * as path from 'path';

/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median milliseconds of one single-example prediction (inputs to outputs read back), after two warm-up calls.
 * The values do not matter for the time, so the example is a seeded random one of the spec's shapes.
 */
export async function predictLatencyMs(predict: (xs: TensorMap) => tf.Tensor | tf.Tensor[] | TensorMap, spec: ModelSpec, repeats: number): Promise<number> {
  const xs = randomInputs(spec, 1, 7);
  try {
    const once = async () => {
      const started = performance.now();
      const out = predict(xs);
      const tensors = out instanceof tf.Tensor ? [out] : Array.isArray(out) ? out : Object.values(out);
      await Promise.all(tensors.map((t) => t.data()));
      tf.dispose(tensors);
      return performance.now() - started;
    };
    await once();
    await once();
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) times.push(await once());
    return median(times);
  } finally {
    tf.dispose(Object.values(xs));
  }
}

/** Bytes of every file under a folder (a saved bundle). */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(file) : (await fs.stat(file)).size;
  }
  return total;
}
