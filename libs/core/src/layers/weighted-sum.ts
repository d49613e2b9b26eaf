import * as tf from '@tensorflow/tfjs';
import { Kwargs, LayerArgs, NO_MASK, toList } from './layer-utils';

/**
 * Per-example weighted sum of n vectors (the gated-fusion combiner). No weights.
 *
 * Inputs `[weights [batch, n], vectors [batch, n, d]]` → output `[batch, d]` = Σᵢ weightsᵢ · vectorsᵢ.
 * (tfjs-layers' `Dot` layer builds this graph but fails at run time on mixed-rank inputs.)
 */
export class WeightedSum extends tf.layers.Layer {
  static className = 'MimoWeightedSum';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [weights, vectors] = inputShape as tf.Shape[];
    if (weights.length !== 2 || vectors.length !== 3 || (weights[1] !== null && vectors[1] !== null && weights[1] !== vectors[1])) {
      throw new Error(`WeightedSum expects [batch, n] weights and [batch, n, d] vectors. Received: ${JSON.stringify(inputShape)}`);
    }
    return [vectors[0], vectors[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const [weights, vectors] = toList(inputs);
      return tf.sum(tf.mul(tf.expandDims(weights, -1), vectors), 1);
    });
  }

  override computeMask(): tf.Tensor {
    return NO_MASK;
  }
}
