import * as tf from '@tensorflow/tfjs';
import { buildBenchModel } from './bench-models';
import { adamTraining, TimedTraining } from './measure';

/** The bench models a user's own loop trains (pytorch_bench.py's `loop` requests are their twins). */
export const USER_LOOPS = ['mlp', 'lstm'] as const;
export type UserLoopName = (typeof USER_LOOPS)[number];

/** Batches in the larger tensor the loop slices its batch from, in turn. */
export const LOOP_BATCHES = 16;

/**
 * A training loop as a user writes it, without Mimo's Trainer: the bench model's FusedDense / FusedLSTM layers
 * (linear output: logits), a batch sliced from a larger tensor each step, `tf.losses.sigmoidCrossEntropy` on 0/1
 * labels, `tf.variableGrads` and Mimo's Adam, the loss read back. PyTorch's twin is the same loop with
 * BCEWithLogitsLoss.
 */
export function userLoopTraining(name: UserLoopName, batchSize: number): TimedTraining {
  const { model, x, y } = buildBenchModel(name, batchSize);
  tf.dispose([x, y]);
  const rows = batchSize * LOOP_BATCHES;
  const features = model.inputs[0].shape.slice(1) as number[];
  const xs = tf.randomNormal([rows, ...features], 0, 1, 'float32', 1);
  const ys = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([rows, 1], 0, 1, 'float32', 2), 0.5), 'float32'));
  let step = 0;
  return adamTraining(
    model,
    () => {
      const start = (step++ % LOOP_BATCHES) * batchSize;
      const xb = tf.slice(xs, [start, ...features.map(() => 0)], [batchSize, ...features]);
      const yb = tf.slice(ys, [start, 0], [batchSize, 1]);
      return tf.losses.sigmoidCrossEntropy(yb, model.apply(xb, { training: true }) as tf.Tensor) as tf.Scalar;
    },
    [xs, ys],
  );
}
