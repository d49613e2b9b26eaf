import * as tf from '@tensorflow/tfjs';
import { checkInt, Kwargs, LayerArgs, toList } from '../layers/layer-utils';

export interface PositionEmbeddingArgs extends LayerArgs {
  /** Seed of the uniform(−0.05, 0.05) initialiser. Defaults to null (random). */
  seed?: number | null;
}

/**
 * Learnt position embeddings: adds one trained vector per time step, so that attention (which is blind to
 * order) knows where each token stands. Input `[batch, T, d]` with a fixed T → output `[batch, T, d]`.
 * Weight: `positions [T, d]`. Passes an upstream mask on unchanged.
 */
export class PositionEmbedding extends tf.layers.Layer {
  static className = 'MimoPositionEmbedding';
  readonly seed: number | null;
  private positions?: tf.LayerVariable;

  constructor(args: PositionEmbeddingArgs = {}) {
    super(args);
    this.seed = args.seed == null ? null : checkInt('seed', args.seed);
    this.supportsMasking = true;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const [, steps, dim] = inputShape as tf.Shape;
    if (steps == null || dim == null) throw new Error(`Layer ${this.name} needs a fixed number of steps and features; received input shape [${inputShape}]`);
    const init = tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.seed ?? undefined });
    this.positions = this.addWeight('positions', [steps, dim], 'float32', init);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => tf.add(toList(inputs)[0], (this.positions as tf.LayerVariable).read()));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}
