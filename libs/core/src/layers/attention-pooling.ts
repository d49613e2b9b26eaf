import * as tf from '@tensorflow/tfjs';
import { checkInt, checkPositiveInt, Kwargs, LayerArgs, MASKED_LOGIT, NO_MASK, toFloatMask, toList, toShapeList } from './layer-utils';

export interface AttentionPoolingArgs extends LayerArgs {
  /** Size of the attention's hidden layer. */
  units: number;
  /** Seed of the Glorot-uniform kernels (`context` gets seed + 1). */
  seed?: number;
}

/**
 * Additive attention pooling (Yang et al. 2016, the hierarchical attention network): a learnt weighted mean of
 * the N vectors on the second-to-last axis, weights `softmax(context · tanh(W h + b))` over the kept ones.
 *
 * Inputs `values` `[batch, …, N, d]`, or `[values, mask]` with `mask` `[batch, …, N]` (1 = keep). A row whose
 * entries are all masked pools to zeros (a day without tweets contributes nothing), never NaN.
 *
 * Weights: `kernel` [d, units], `bias` [units], `context` [units, 1]. Output shape: `[batch, …, d]`.
 */
export class AttentionPooling extends tf.layers.Layer {
  static className = 'MimoAttentionPooling';
  readonly units: number;
  readonly seed: number | null;
  private kernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;
  private context?: tf.LayerVariable;

  constructor(args: AttentionPoolingArgs) {
    super(args);
    this.units = checkPositiveInt('units', args.units);
    this.seed = args.seed == null ? null : checkInt('seed', args.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const values = toShapeList(inputShape)[0];
    const d = values[values.length - 1];
    if (d == null) throw new Error(`${this.name}: the last dimension of its values must be known`);
    const seed = (offset: number) => (this.seed === null ? undefined : this.seed + offset);
    this.kernel = this.addWeight('kernel', [d, this.units], 'float32', tf.initializers.glorotUniform({ seed: seed(0) }));
    this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
    this.context = this.addWeight('context', [this.units, 1], 'float32', tf.initializers.glorotUniform({ seed: seed(1) }));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const values = toShapeList(inputShape)[0];
    return [...values.slice(0, -2), values[values.length - 1]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const [values, mask] = toList(inputs);
      const d = values.shape[values.rank - 1];
      const flat = tf.reshape(values, [-1, d]);
      const hidden = tf.tanh(tf.add(tf.matMul(flat, (this.kernel as tf.LayerVariable).read()), (this.bias as tf.LayerVariable).read()));
      let logits = tf.reshape(tf.matMul(hidden, (this.context as tf.LayerVariable).read()), values.shape.slice(0, -1));
      const keep = mask ? toFloatMask(mask) : undefined;
      if (keep) logits = tf.add(logits, tf.mul(tf.sub(1, keep), MASKED_LOGIT));
      let weights = tf.softmax(logits);
      // An all-masked row has a uniform softmax; zeroing its weights pools it to zeros.
      if (keep) weights = tf.mul(weights, tf.max(keep, -1, true));
      return tf.sum(tf.mul(values, tf.expandDims(weights, -1)), -2);
    });
  }

  override computeMask(): tf.Tensor {
    return NO_MASK;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, seed: this.seed };
  }
}
