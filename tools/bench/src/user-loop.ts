import * as tf from '@tensorflow/tfjs';
import { createTrainingOptimizer, installFusedLosses, losses, replayable } from '@mimo/core';
import { buildBenchModel } from './bench-models';
import { TimedTraining } from './measure';

/**
 * The bench models a user's own loop trains (pytorch_bench.py's `loop` requests are their twins): as written, with
 * its step replayed, with Mimo's `losses.sigmoidCrossEntropy` in place of tfjs's, or as written after
 * `installFusedLosses()`.
 */
export const USER_LOOPS = ['mlp', 'lstm', 'mlp-replayed', 'lstm-replayed', 'mlp-mimo-loss', 'lstm-mimo-loss', 'mlp-installed-losses', 'lstm-installed-losses'] as const;
export type UserLoopName = (typeof USER_LOOPS)[number];

/** Batches in the larger tensor the loop slices its batch from, in turn. */
export const LOOP_BATCHES = 16;

/** The bench model a loop trains. */
export function loopModel(name: UserLoopName): 'mlp' | 'lstm' {
  return name.startsWith('mlp') ? 'mlp' : 'lstm';
}

/** How a loop takes its loss: `tf.losses` as written, Mimo's twin, or `tf.losses` after `installFusedLosses()`. */
type LoopLoss = 'tf.losses' | 'mimo' | 'installed';

function loopLoss(name: UserLoopName): LoopLoss {
  if (name.endsWith('-mimo-loss')) return 'mimo';
  return name.endsWith('-installed-losses') ? 'installed' : 'tf.losses';
}

const LOOP_LOSS_NAMES: Record<LoopLoss, string> = {
  'tf.losses': 'tf.losses.sigmoidCrossEntropy',
  mimo: "Mimo's losses.sigmoidCrossEntropy",
  installed: 'tf.losses.sigmoidCrossEntropy after installFusedLosses()',
};

/** The loss a loop calls, as the bench's table names it. */
export function loopLossName(name: UserLoopName): string {
  return LOOP_LOSS_NAMES[loopLoss(name)];
}

/**
 * A training loop as a user writes it, without Mimo's Trainer: the bench model's FusedDense / FusedLSTM layers
 * (linear output: logits), a batch sliced from a larger tensor each step, `tf.losses.sigmoidCrossEntropy` on 0/1
 * labels, `tf.variableGrads` and Mimo's Adam, the loss read back. `-replayed`: the same step (gradients and
 * update) wrapped in `replayable`, the slices taken outside it. `-mimo-loss`: `losses.sigmoidCrossEntropy` of
 * @mimo/core, one kernel each way. `-installed-losses`: the loop as written, `tf.losses` made to run Mimo's
 * `losses` by `installFusedLosses()` (undone by `dispose`). PyTorch's twin is the same loop with BCEWithLogitsLoss.
 */
export function userLoopTraining(name: UserLoopName, batchSize: number): TimedTraining {
  const { model, x, y } = buildBenchModel(loopModel(name), batchSize);
  tf.dispose([x, y]);
  const rows = batchSize * LOOP_BATCHES;
  const features = model.inputs[0].shape.slice(1) as number[];
  const xs = tf.randomNormal([rows, ...features], 0, 1, 'float32', 1);
  const ys = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([rows, 1], 0, 1, 'float32', 2), 0.5), 'float32'));
  const optimizer = createTrainingOptimizer({ type: 'adam', learningRate: 1e-3 });
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const lossKind = loopLoss(name);
  const restoreLosses = lossKind === 'installed' ? installFusedLosses() : undefined;
  const loss = lossKind === 'mimo' ? losses.sigmoidCrossEntropy : (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;
  const train = (xb: tf.Tensor, yb: tf.Tensor) => {
    const { value, grads } = tf.variableGrads(() => loss(yb, model.apply(xb, { training: true }) as tf.Tensor), variables);
    optimizer.applyGradients(variables, variables.map((v) => grads[v.name]));
    tf.dispose(Object.values(grads));
    return value;
  };
  const step = name.endsWith('-replayed') ? replayable(train) : train;
  let count = 0;
  return {
    step: async () => {
      const start = (count++ % LOOP_BATCHES) * batchSize;
      const xb = tf.slice(xs, [start, ...features.map(() => 0)], [batchSize, ...features]);
      const yb = tf.slice(ys, [start, 0], [batchSize, 1]);
      const loss = step(xb, yb);
      await loss.data();
      tf.dispose([xb, yb, loss]);
    },
    dispose: () => {
      model.dispose();
      optimizer.dispose();
      tf.dispose([xs, ys]);
      restoreLosses?.();
    },
  };
}
