import * as tf from '@tensorflow/tfjs';
import { TrainingData } from '@mimo/core';
import { randomFor } from '@mimo/core/internal';
import { dropPlan, zeroExamples } from './modality-dropout';

export interface DroppedCopiesOptions {
  /** Inputs that may be dropped. */
  inputs: readonly string[];
  /** Share of the examples copied with one input zeroed (e.g. 0.5 adds half as many examples again). */
  rate: number;
  seed: number;
}

/**
 * Modality dropout for in-memory training data (what the app-kit's `train` takes): keeps every example and
 * appends copies of a seeded `rate` share of them, each with one of `inputs` zeroed (never all). The choice is
 * drawn once, not per epoch (see `modalityDropout` for the per-epoch, streamed form). Returns new tensors.
 */
export function withDroppedCopies(data: TrainingData, options: DroppedCopiesOptions): TrainingData {
  const count = Object.values(data.xs)[0]?.shape[0] ?? 0;
  const plan = dropPlan(count, options.inputs.length, options.rate, randomFor(options.seed, 'modality-dropout'));
  const rows = plan.flatMap((p, i) => (p === -1 ? [] : [i]));
  return tf.tidy(() => {
    const indices = tf.tensor1d(rows, 'int32');
    const xs = Object.fromEntries(
      Object.entries(data.xs).map(([name, x]) => {
        const which = options.inputs.indexOf(name);
        const copies = x.gather(indices);
        const dropped = which === -1 ? copies : zeroExamples(copies, rows.map((row) => (plan[row] === which ? 0 : 1)));
        return [name, tf.concat([x, dropped])];
      }),
    );
    const ys = Object.fromEntries(Object.entries(data.ys).map(([name, y]) => [name, tf.concat([y, y.gather(indices)])]));
    return { xs, ys };
  });
}
