import * as tf from '@tensorflow/tfjs';
import { Batch } from '../preprocess/preprocessor';
import { SPLITS } from '../splits/split-fractions';
import { timeSplit, TimeSplitOptions } from '../splits/time-split';
import { SeriesNormalizer } from './series-normalizer';
import { slidingWindows, Window, WindowConfig, WindowConfigSchema } from './sliding-windows';

export interface WindowedSplitOptions extends TimeSplitOptions {
  window: WindowConfig;
  /** Name of the sequence input. Defaults to 'series'. */
  input?: string;
  /** Name of the regression head. Defaults to 'target'. */
  head?: string;
}

export interface WindowedSplit {
  /** `xs[input]`: `[windows, lookback, features]` float32, normalised; `ys[head]`: `[windows, 1]` float32. */
  batch: Batch;
  windows: Window[];
}

export interface WindowedSplits {
  train: WindowedSplit;
  val: WindowedSplit;
  test: WindowedSplit;
  /** Fitted on the training period only; save it with the model. */
  normalizer: SeriesNormalizer;
}

function ascending(times: readonly number[]): void {
  for (let i = 1; i < times.length; i++) {
    if (!(times[i] > times[i - 1])) throw new Error(`windowedSplits: expected times in ascending order, received ${times[i]} after ${times[i - 1]} at step ${i + 1}`);
  }
}

/**
 * A series cut by time into train / val / test, each cut into sliding windows that stay inside it, normalised
 * with statistics of the training period only: nothing of a later period reaches an earlier one.
 * `steps[t]` holds the features of step t, `targets[t]` the value to predict at step t, `times[t]` its time.
 */
export function windowedSplits(steps: readonly (readonly number[])[], targets: readonly number[], times: readonly number[], options: WindowedSplitOptions): WindowedSplits {
  if (steps.length !== targets.length || steps.length !== times.length) {
    throw new Error(`windowedSplits: expected as many targets and times as steps (${steps.length}), received ${targets.length} and ${times.length}`);
  }
  ascending(times);
  const parts = timeSplit(times, options);
  // Ascending times make each split one contiguous run of steps.
  const range = (indices: number[]): [number, number] => (indices.length ? [indices[0], indices[indices.length - 1] + 1] : [0, 0]);
  const normalizer = SeriesNormalizer.fit(steps, ...range(parts.train));
  const features = steps[0]?.length ?? 0;
  const { lookback } = WindowConfigSchema.parse(options.window);
  const input = options.input ?? 'series';
  const head = options.head ?? 'target';
  const build = (indices: number[]): WindowedSplit => {
    const windows = slidingWindows(...range(indices), options.window);
    const x = windows.flatMap((w) => steps.slice(w.start, w.end).flatMap((step) => normalizer.apply(step)));
    return {
      windows,
      batch: {
        xs: { [input]: tf.tensor3d(x, [windows.length, lookback, features], 'float32') },
        ys: { [head]: tf.tensor2d(windows.map((w) => targets[w.target]), [windows.length, 1], 'float32') },
      },
    };
  };
  const [train, val, test] = SPLITS.map((split) => build(parts[split]));
  return { train, val, test, normalizer };
}
