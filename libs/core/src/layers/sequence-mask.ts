import * as tf from '@tensorflow/tfjs';
import { Kwargs, LayerArgs, NO_MASK, checkInt, toList } from './layer-utils';

export interface SequenceMaskArgs extends LayerArgs {
  /** Token id that marks padding. Defaults to 0. */
  maskValue?: number;
}

/**
 * Token ids → explicit padding mask, to feed the `maskInputs` of the attention layers and
 * {@link MaskedGlobalAveragePooling1D} in a graph. No weights.
 *
 * Input `[batch, T]` (int32 or float) → output `[batch, T]` float32, 1 where `ids != maskValue`.
 */
export class SequenceMask extends tf.layers.Layer {
  static className = 'MimoSequenceMask';
  readonly maskValue: number;

  constructor(args: SequenceMaskArgs = {}) {
    super(args);
    this.maskValue = checkInt('maskValue', args.maskValue ?? 0);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const ids = toList(inputs)[0];
      return tf.cast(tf.notEqual(ids, tf.scalar(this.maskValue, ids.dtype)), 'float32');
    });
  }

  override computeMask(): tf.Tensor {
    return NO_MASK;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }
}
