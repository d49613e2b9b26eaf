import * as tf from '@tensorflow/tfjs';
import { DROPOUT_MASK_KERNEL, DropoutMaskAttrs } from '@mimo/kernels';
import { Kwargs } from './layer-utils';
import { activeBackendRuns } from '../backend-kernels';

/** tfjs-layers' Dropout arguments, unchanged. */
export type FusedDropoutArgs = Parameters<typeof tf.layers.dropout>[0];

/** What the native path reads from a tfjs-layers Dropout (its fields and protected helpers). */
interface DropoutFields {
  rate: number;
  seed?: number;
  /** null: the input's shape. */
  getNoiseShape(input: tf.Tensor): number[] | null;
  invokeCallHook(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): void;
}

/** Whether the active backend draws dropout masks from a seed tensor. */
export function hasDropoutKernel(): boolean {
  return activeBackendRuns(DROPOUT_MASK_KERNEL);
}

const registered = tf.serialization.SerializationMap.getMap().classNameMap.Dropout;
if (registered === undefined) throw new Error("tfjs-layers registers no 'Dropout' layer class to extend.");
const StockDropout = registered[0] as unknown as new (args: FusedDropoutArgs) => tf.layers.Layer;

/**
 * tfjs-layers' Dropout with the same config and className ('Dropout'; `installFusedLayers` makes loading build
 * this one). In training, on a backend with the dropout-mask kernel (torch), the mask is drawn natively from a
 * seed held in an int32 tensor, which advances by one each call: no random numbers are drawn in JavaScript, so a
 * step with dropout can be replayed (`replayable`) and still draws a new mask every step. `reseed` sets the seed
 * (the Trainer does, per step, from its run seed). Elsewhere it is the stock layer.
 */
export class FusedDropout extends StockDropout {
  static className = 'Dropout';
  private seedState: tf.Variable<tf.Rank.R0> | undefined;

  /** The seed the next mask is drawn from (made from the layer's `seed`, else a random one, on first use). */
  private seedTensor(): tf.Variable<tf.Rank.R0> {
    if (this.seedState === undefined) {
      const seed = (this as unknown as DropoutFields).seed ?? Math.floor(Math.random() * 2 ** 31);
      this.seedState = tf.tidy(() => tf.variable(tf.scalar(seed | 0, 'int32'), false));
    }
    return this.seedState;
  }

  /** Draws the next masks from `seed` (an integer; taken modulo 2³²). */
  reseed(seed: number): void {
    (this as unknown as DropoutFields).seed = seed;
    const state = this.seedTensor();
    tf.tidy(() => state.assign(tf.scalar(seed | 0, 'int32')));
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const layer = this as unknown as DropoutFields;
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    if (kwargs?.['training'] !== true || !(layer.rate > 0 && layer.rate < 1) || input.dtype !== 'float32' || !hasDropoutKernel()) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      layer.invokeCallHook(inputs, kwargs);
      const seed = this.seedTensor();
      const attrs: DropoutMaskAttrs = { shape: layer.getNoiseShape(input) ?? input.shape, rate: layer.rate };
      const mask = tf.engine().runKernel(DROPOUT_MASK_KERNEL, { seed }, { ...attrs }) as tf.Tensor;
      seed.assign(tf.add(seed, tf.scalar(1, 'int32')));
      return tf.mul(input, mask);
    });
  }

  override dispose(): ReturnType<tf.layers.Layer['dispose']> {
    this.seedState?.dispose();
    this.seedState = undefined;
    return super.dispose();
  }
}
