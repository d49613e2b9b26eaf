import * as tf from '@tensorflow/tfjs';
import { Kwargs, LayerArgs, NO_MASK, toFloatMask, toList } from './layer-utils';

/**
 * A mask one level up: 1 where any entry along the last axis is kept. From a word mask `[batch, groups, texts,
 * words]` it makes the text mask `[batch, groups, texts]` (a text with no word is padding), and from that the
 * group mask. No weights.
 *
 * Input `[batch, …, N]` (0/1 float, int or bool) → output `[batch, …]` float32 0/1.
 */
export class MaskAny extends tf.layers.Layer {
  static className = 'MimoMaskAny';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (inputShape as tf.Shape).slice(0, -1);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => tf.max(toFloatMask(toList(inputs)[0]), -1));
  }

  override computeMask(): tf.Tensor {
    return NO_MASK;
  }
}
