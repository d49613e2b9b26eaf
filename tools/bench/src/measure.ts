import * as tf from '@tensorflow/tfjs';
import { createTrainingOptimizer } from '@mimo/core';
import { BenchModelName, buildBenchModel } from './bench-models';

export interface Measurement {
  /** Samples per second of each repetition. */
  samplesPerSecond: number[];
  median: number;
  /** (max − min) / median of the repetitions. */
  spread: number;
}

export interface MeasureOptions {
  repetitions: number;
  /** Each repetition trains whole steps until at least this long. */
  minSeconds: number;
  warmupSteps: number;
}

/** Above this, the first step's time decides that one timed repetition is enough. */
const SLOW_STEP_MS = 10_000;

/** A training step to time, and what frees its model afterwards. */
export interface TimedTraining {
  step: () => Promise<void>;
  dispose: () => void;
}

/**
 * Mimo's Trainer step for a bench model: forward in training mode, gradients, the loss read back, Mimo's Adam.
 */
export function benchModelTraining(name: BenchModelName, batchSize: number): TimedTraining {
  const { model, x, y, loss } = buildBenchModel(name, batchSize);
  const optimizer = createTrainingOptimizer({ name: 'adam', learningRate: 1e-3 });
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return {
    step: async () => {
      const { value, grads } = tf.variableGrads(() => loss(y, model.apply(x, { training: true }) as tf.Tensor), variables);
      await value.data();
      optimizer.applyGradients(variables, variables.map((v) => grads[v.name]));
      tf.dispose([value, ...Object.values(grads)]);
    },
    dispose: () => {
      model.dispose();
      optimizer.dispose();
      tf.dispose([x, y]);
    },
  };
}

/** Times `training` on the active backend: warm-up steps, then `repetitions` timed runs of whole steps of `batchSize` examples. */
export async function measureTraining(training: TimedTraining, batchSize: number, options: MeasureOptions): Promise<Measurement> {
  const { step } = training;
  try {
    const first = performance.now();
    await step();
    // A step that takes many seconds (e.g. wasm's bridged conv gradients) is timed once, not repeated.
    const slow = performance.now() - first > SLOW_STEP_MS;
    for (let i = 1; i < options.warmupSteps && !slow; i++) await step();
    const samplesPerSecond: number[] = [];
    for (let rep = 0; rep < (slow ? 1 : options.repetitions); rep++) {
      const start = performance.now();
      let steps = 0;
      while (steps === 0 || performance.now() - start < options.minSeconds * 1000) {
        await step();
        steps++;
      }
      samplesPerSecond.push((steps * batchSize) / ((performance.now() - start) / 1000));
    }
    return summarise(samplesPerSecond);
  } finally {
    training.dispose();
  }
}

export function summarise(samplesPerSecond: number[]): Measurement {
  const sorted = [...samplesPerSecond].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { samplesPerSecond, median, spread: median === 0 ? 0 : (sorted[sorted.length - 1] - sorted[0]) / median };
}
