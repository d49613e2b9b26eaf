import * as tf from '@tensorflow/tfjs';
import { Kwargs, KwargsMask, LayerArgs, NO_MASK, toFloatMask, toList, toShapeList } from './layer-utils';

/** No options besides the base layer's (`name`, …). */
export type MaskedGlobalAveragePooling1DArgs = LayerArgs;

/**
 * Mean over the unmasked time steps.
 *
 * Inputs `[sequence, mask]`: `[batch, T, d]` and `[batch, T]` (0/1 float, int or bool, 1 = keep);
 * or just the sequence, with the mask from `kwargs.mask` (first entry when a list) or none (plain
 * mean). Rows with no unmasked step give zeros (divides by max(count, 1)). Consumes the mask.
 * Higher ranks pool their second-to-last axis the same way: `[batch, …, T, d]` with `[batch, …, T]`
 * (the words of each text of a token-groups input).
 *
 * Output shape: `[batch, d]` (`[batch, …, d]`).
 */
export class MaskedGlobalAveragePooling1D extends tf.layers.Layer {
  static className = 'MimoMaskedGlobalAveragePooling1D';

  constructor(args: MaskedGlobalAveragePooling1DArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const seq = toShapeList(inputShape)[0];
    return [...seq.slice(0, -2), seq[seq.length - 1]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const list = toList(inputs);
      const seq = list[0];
      const kwargsMask = kwargs['mask'] as KwargsMask;
      const mask = list.length > 1 ? list[1] : Array.isArray(kwargsMask) ? kwargsMask[0] : kwargsMask;
      const axis = seq.rank - 2;
      if (mask == null) return tf.mean(seq, axis);
      const m = toFloatMask(mask);
      const total = tf.sum(tf.mul(seq, tf.expandDims(m, -1)), axis);
      return tf.div(total, tf.maximum(tf.sum(m, -1, true), 1));
    });
  }

  override computeMask(): tf.Tensor {
    return NO_MASK;
  }
}
