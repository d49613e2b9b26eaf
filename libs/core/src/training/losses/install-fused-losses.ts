import * as tf from '@tensorflow/tfjs';
import { losses, STOCK_LOSSES } from './fused-losses';

type LossName = keyof typeof losses;
type AnyLoss = (...args: unknown[]) => tf.Tensor;

const NAMES = Object.keys(STOCK_LOSSES) as LossName[];

// The cross-entropies take a label smoothing before the reduction; the other two take the reduction after the weights.
const SMOOTHED: Record<LossName, boolean> = { sigmoidCrossEntropy: true, softmaxCrossEntropy: true, meanSquaredError: false, absoluteDifference: false };

// Without weights both reduce to the mean over every element (the softmax: over the rows), as `losses` does.
const MEAN_REDUCTIONS: readonly unknown[] = [undefined, tf.Reduction.SUM_BY_NONZERO_WEIGHTS, tf.Reduction.MEAN];

/** Whether tfjs would compute `args` (a `tf.losses` call) as `losses` does: two float32 tensors of one shape, defaults otherwise. */
function computedAlike(name: LossName, args: unknown[]): boolean {
  const [labels, predictions, weights] = args;
  const [labelSmoothing, reduction] = SMOOTHED[name] ? [args[3], args[4]] : [undefined, args[3]];
  return (
    labels instanceof tf.Tensor &&
    predictions instanceof tf.Tensor &&
    labels.dtype === 'float32' &&
    predictions.dtype === 'float32' &&
    tf.util.arraysEqual(labels.shape, predictions.shape) &&
    weights == null &&
    (labelSmoothing === undefined || labelSmoothing === 0) &&
    MEAN_REDUCTIONS.includes(reduction)
  );
}

let uninstall: (() => void) | undefined;

/**
 * Makes tfjs's own `tf.losses.sigmoidCrossEntropy`, `softmaxCrossEntropy`, `meanSquaredError` and
 * `absoluteDifference` run as Mimo's `losses` (one kernel each way on torch) wherever a call is one they compute
 * alike — two float32 tensors of one shape, no weights, no label smoothing, the default or MEAN reduction — so that
 * training code written against `tf.losses` gets the fused kernels unchanged. Every other call goes to tfjs's
 * function as it was. One difference: the labels get no gradient (they are data). Installing twice is installing
 * once. → a function that puts tfjs's functions back (those still Mimo's: a later patch by someone else stays).
 */
export function installFusedLosses(): () => void {
  if (uninstall !== undefined) return uninstall;
  const target = tf.losses as unknown as Record<LossName, AnyLoss>;
  const installed = new Map<LossName, AnyLoss>();
  const restore = () => {
    for (const [name, loss] of installed) if (target[name] === loss) target[name] = STOCK_LOSSES[name] as unknown as AnyLoss;
    if (uninstall === restore) uninstall = undefined;
  };
  for (const name of NAMES) {
    const stock = STOCK_LOSSES[name] as unknown as AnyLoss;
    const fused = losses[name];
    const loss: AnyLoss = (...args) => (computedAlike(name, args) ? fused(args[0] as tf.Tensor, args[1] as tf.Tensor) : stock(...args));
    installed.set(name, loss);
    try {
      target[name] = loss;
    } catch {
      // A frozen object or an ES module namespace refuses (strict code throws): checked just below.
    }
    if (target[name] !== loss) {
      restore();
      throw new Error(`installFusedLosses: this build of tfjs does not let tf.losses.${name} be replaced; call losses.${name} of @mimo/core instead`);
    }
  }
  uninstall = restore;
  return restore;
}
