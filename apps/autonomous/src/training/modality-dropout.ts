import * as tf from '@tensorflow/tfjs';
import { SeededRandom, StreamingData, TrainingData } from '@mimo/core';
import { permutation, randomFor } from '@mimo/core/internal';

export interface ModalityDropoutOptions {
  /** Inputs that may be dropped (e.g. ['camera', 'lidar']). */
  inputs: readonly string[];
  /** Chance that an example loses one of its inputs in a given epoch (never all of them). 0 turns it off. */
  rate: number;
  batchSize: number;
  /** Seed of the shuffle and of the choices; each epoch draws anew from (seed, epoch). */
  seed: number;
}

/**
 * Per example, which input is dropped this epoch (index into `inputs`), or −1: with probability `rate` one of the
 * inputs, chosen uniformly, so an example never loses every modality.
 */
export function dropPlan(count: number, inputs: number, rate: number, rng: SeededRandom): number[] {
  return Array.from({ length: count }, () => (inputs > 0 && rng.next() < rate ? rng.int(0, inputs) : -1));
}

/** Zeroes `x`'s examples whose `keep` is 0: `keep` is `[n]` of 0 / 1, broadcast over the other axes. */
export function zeroExamples(x: tf.Tensor, keep: readonly number[]): tf.Tensor {
  return tf.tidy(() => x.mul(tf.tensor1d([...keep]).reshape([keep.length, ...x.shape.slice(1).map(() => 1)])));
}

/**
 * Random modality dropout for training: streams the data in a shuffled order per epoch, and zeroes one input
 * of each example with probability `rate` — what the model sees at prediction time when a sensor is missing
 * (it is fed as zeros, see `withoutInput`). The caller keeps `data`; every batch is the trainer's to dispose.
 */
export function modalityDropout(data: TrainingData, options: ModalityDropoutOptions): StreamingData {
  const count = Object.values(data.xs)[0]?.shape[0] ?? 0;
  const batchesPerEpoch = Math.ceil(count / options.batchSize);
  // Rows are copied on the JS side: a gather on some backends (torch) runs through the kernel bridge, which would
  // copy the whole data set for every batch.
  const host = (x: tf.Tensor) => ({ values: x.dataSync() as Float32Array, shape: x.shape, row: x.size / Math.max(1, x.shape[0]) });
  const xs = Object.entries(data.xs).map(([name, x]) => ({ name, which: options.inputs.indexOf(name), ...host(x) }));
  const ys = Object.entries(data.ys).map(([name, y]) => ({ name, ...host(y) }));
  const take = (source: { values: Float32Array; shape: number[]; row: number }, rows: number[], keep?: (row: number) => boolean) => {
    const out = new Float32Array(rows.length * source.row);
    rows.forEach((row, i) => {
      if (!keep || keep(row)) out.set(source.values.subarray(row * source.row, (row + 1) * source.row), i * source.row);
    });
    return tf.tensor(out, [rows.length, ...source.shape.slice(1)]);
  };
  return {
    batchesPerEpoch,
    async *batches(epoch: number) {
      const order = permutation(count, randomFor(options.seed, 'shuffle', epoch));
      const plan = dropPlan(count, options.inputs.length, options.rate, randomFor(options.seed, 'modality-dropout', epoch));
      for (let b = 0; b < batchesPerEpoch; b++) {
        const rows = order.slice(b * options.batchSize, (b + 1) * options.batchSize);
        yield {
          xs: Object.fromEntries(xs.map((x) => [x.name, take(x, rows, x.which === -1 ? undefined : (row) => plan[row] !== x.which)])),
          ys: Object.fromEntries(ys.map((y) => [y.name, take(y, rows)])),
        };
      }
    },
  };
}

/** The inputs with one of them replaced by zeros: how a missing sensor is fed at prediction time. New tensor is the caller's. */
export function withoutInput(xs: Record<string, tf.Tensor>, name: string): Record<string, tf.Tensor> {
  if (!xs[name]) throw new Error(`cannot drop input '${name}': the inputs are ${Object.keys(xs).join(', ')}`);
  return { ...xs, [name]: tf.zerosLike(xs[name]) };
}
