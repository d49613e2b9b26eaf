import * as tf from '@tensorflow/tfjs';
import { createTrainingOptimizer, replayable } from '@mimo/core';
import { BenchModelName, buildBenchModel } from './bench-models';

export interface Measurement {
  /** Samples per second of each repetition. */
  samplesPerSecond: number[];
  median: number;
  /** (max − min) / median of the repetitions. */
  spread: number;
}

/** A measurement, or why the run failed ("fails: …"). */
export type Timing = Measurement | string;

/** What each side trains before its repetitions: at least `steps` steps and at least `seconds` seconds. */
export interface Warmup {
  steps: number;
  seconds: number;
}

export interface MeasureOptions {
  repetitions: number;
  /** Each repetition trains whole steps until at least this long. */
  minSeconds: number;
  warmup: Warmup;
}

/** Above this, the first step's time decides that one timed repetition is enough. */
const SLOW_STEP_MS = 10_000;

/** A training step to time, and what frees its model afterwards. */
export interface TimedTraining {
  step: () => Promise<void>;
  dispose: () => void;
}

/** Something timed in repetitions (a training step here, or PyTorch's twin in its worker). */
export interface RepeatedRun {
  /** Runs the warm-up steps; true when a step is so slow that one timed repetition must do. */
  warmUp(): Promise<boolean>;
  /** Samples/s of whole steps run for at least `minSeconds`. */
  repetition(minSeconds: number): Promise<number>;
}

/**
 * Steps of Mimo's Adam on `loss` over `model`'s trainable weights as Mimo's Trainer runs them: the gradients
 * (replayed, see `replayable`), the loss read back, the update (replayed). `owned` tensors are disposed with the model.
 */
export function adamTraining(model: tf.LayersModel, loss: () => tf.Scalar, owned: tf.Tensor[]): TimedTraining {
  const optimizer = createTrainingOptimizer({ type: 'adam', learningRate: 1e-3 });
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const gradients = replayable(() => {
    const { value, grads } = tf.variableGrads(loss, variables);
    return [value, ...variables.map((v) => grads[v.name])];
  });
  const update = replayable((...grads: tf.Tensor[]) => optimizer.applyGradients(variables, grads));
  return {
    step: async () => {
      const [value, ...grads] = gradients();
      await value.data();
      update(...grads);
      tf.dispose([value, ...grads]);
    },
    dispose: () => {
      gradients.dispose();
      update.dispose();
      model.dispose();
      optimizer.dispose();
      tf.dispose(owned);
    },
  };
}

/**
 * Mimo's Trainer step for a bench model: forward in training mode, gradients, the loss read back, Mimo's Adam.
 */
export function benchModelTraining(name: BenchModelName, batchSize: number): TimedTraining {
  const { model, x, y, loss } = buildBenchModel(name, batchSize);
  return adamTraining(model, () => loss(y, model.apply(x, { training: true }) as tf.Tensor), [x, y]);
}

/** `training`'s steps on the active backend as a run of `batchSize` examples a step. */
export function trainingRun(training: TimedTraining, batchSize: number, warmup: Warmup): RepeatedRun {
  return {
    warmUp: async () => {
      const first = performance.now();
      await training.step();
      // A step that takes many seconds (e.g. wasm's bridged conv gradients) is timed once, not repeated.
      if (performance.now() - first > SLOW_STEP_MS) return true;
      for (let steps = 1; steps < warmup.steps || performance.now() - first < warmup.seconds * 1000; steps++) await training.step();
      return false;
    },
    repetition: async (minSeconds) => {
      const start = performance.now();
      let steps = 0;
      while (steps === 0 || performance.now() - start < minSeconds * 1000) {
        await training.step();
        steps++;
      }
      return (steps * batchSize) / ((performance.now() - start) / 1000);
    },
  };
}

/**
 * Times `runs` round by round, one repetition of each per round, so that a slow spell of a shared machine falls
 * on all of them alike instead of on whichever ran then. A run that throws is reported as failing and left out
 * of the later rounds.
 */
export async function measureInterleaved(runs: readonly RepeatedRun[], options: MeasureOptions): Promise<Timing[]> {
  const failures: Array<string | undefined> = runs.map(() => undefined);
  const attempt = async <T>(i: number, work: () => Promise<T>): Promise<T | undefined> => {
    if (failures[i] !== undefined) return undefined;
    try {
      return await work();
    } catch (error) {
      failures[i] = failure(error);
      return undefined;
    }
  };
  const slow: boolean[] = [];
  for (const [i, run] of runs.entries()) slow.push((await attempt(i, () => run.warmUp())) ?? false);
  const rates: number[][] = runs.map(() => []);
  for (let rep = 0; rep < options.repetitions; rep++) {
    for (const [i, run] of runs.entries()) {
      if (rep > 0 && slow[i]) continue;
      const rate = await attempt(i, () => run.repetition(options.minSeconds));
      if (rate !== undefined) rates[i].push(rate);
    }
  }
  return rates.map((own, i) => failures[i] ?? summarise(own));
}

/** A table cell for a run that threw: "fails: " and the first line of its message. */
export function failure(error: unknown): string {
  return `fails: ${(error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 60)}`;
}

export function summarise(samplesPerSecond: number[]): Measurement {
  const sorted = [...samplesPerSecond].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { samplesPerSecond, median, spread: median === 0 ? 0 : (sorted[sorted.length - 1] - sorted[0]) / median };
}
