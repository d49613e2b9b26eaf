import * as tf from '@tensorflow/tfjs';
import { Kwargs } from './layer-utils';

type GruCell = ReturnType<typeof tf.layers.gruCell>;
type GruCellArgs = Parameters<typeof tf.layers.gruCell>[0];

/** tfjs-layers' GRUCell class, from tfjs's registry (tfjs exports an instance factory, not the class). */
function stockGruCell(): new (args: GruCellArgs) => GruCell {
  const registered = tf.serialization.SerializationMap.getMap().classNameMap['GRUCell'];
  if (registered === undefined) throw new Error("tfjs-layers registers no 'GRUCell' class to extend.");
  return registered[0] as unknown as new (args: GruCellArgs) => GruCell;
}

/** The dropout mask fields tfjs-layers' GRU layer disposes and clears before each call (not in its typings). */
interface DropoutMasks {
  dropoutMask: tf.Tensor[] | null;
  recurrentDropoutMask: tf.Tensor[] | null;
}

/**
 * A GRU cell with Keras's `reset_after=True` (Keras's default since 2.3; cuDNN's and PyTorch's GRU): the reset
 * gate scales the recurrent part of the candidate after its product,
 *   z = σ(x·W_z + b_z + h·U_z + b'_z),  r = σ(x·W_r + b_r + h·U_r + b'_r),
 *   candidate = tanh(x·W_h + b_h + r ⊙ (h·U_h + b'_h)),  h' = z ⊙ h + (1 − z) ⊙ candidate,
 * where σ is the recurrent activation. Weights as Keras keeps them: kernel `[features, 3·units]` and recurrent
 * kernel `[units, 3·units]` (gates z, r, h), bias `[2, 3·units]` (the input bias b, then the recurrent bias b').
 * tfjs-layers' own cell rejects `resetAfter: true`; this is the per-step computation `FusedGRU` runs where no
 * whole-sequence kernel does. Dropout as tfjs-layers' cell applies it (one mask over x, one over h, each kept for the whole sequence).
 */
export class ResetAfterGRUCell extends stockGruCell() {
  /** Read by FusedGRU's fused path, rather than `instanceof`, which a second copy of this module would fail. */
  readonly resetAfter = true;

  constructor(args: GruCellArgs) {
    super({ ...args, resetAfter: false });
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const features = shape[shape.length - 1] as number;
    const gates = 3 * this.units;
    this.kernel = this.addWeight('kernel', [features, gates], undefined, this.kernelInitializer, this.kernelRegularizer, true, this.kernelConstraint);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, gates], undefined, this.recurrentInitializer, this.recurrentRegularizer, true, this.recurrentConstraint);
    this.bias = (this.useBias ? this.addWeight('bias', [2, gates], undefined, this.biasInitializer, this.biasRegularizer, true, this.biasConstraint) : null) as GruCell['bias'];
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor[] {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('ResetAfterGRUCell expects 2 input tensors (x, h).');
      const training = kwargs?.['training'] === true;
      const masks = this as unknown as DropoutMasks;
      let [x, h] = inputs;
      if (0 < this.dropout && this.dropout < 1) {
        masks.dropoutMask ??= [this.dropoutMaskLike(x, this.dropout, training)];
        x = tf.mul(x, masks.dropoutMask[0]);
      }
      if (0 < this.recurrentDropout && this.recurrentDropout < 1) {
        masks.recurrentDropoutMask ??= [this.dropoutMaskLike(h, this.recurrentDropout, training)];
        h = tf.mul(h, masks.recurrentDropoutMask[0]);
      }
      const [inputBias, recurrentBias] = this.bias === null ? [] : tf.unstack(this.bias.read());
      const [xz, xr, xh] = tf.split(withBias(tf.matMul(x, this.kernel.read()), inputBias), 3, -1);
      const [hz, hr, hh] = tf.split(withBias(tf.matMul(h, this.recurrentKernel.read()), recurrentBias), 3, -1);
      const z = this.recurrentActivation.apply(tf.add(xz, hz));
      const r = this.recurrentActivation.apply(tf.add(xr, hr));
      const candidate = this.activation.apply(tf.add(xh, tf.mul(r, hh)));
      const hNew = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate));
      return [hNew, hNew];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), resetAfter: true };
  }

  /** A mask kept across the sequence's steps: inverted dropout of ones in training (`dropoutFunc` if given), ones otherwise. */
  private dropoutMaskLike(like: tf.Tensor, rate: number, training: boolean): tf.Tensor {
    const ones = tf.onesLike(like);
    const drop = this.dropoutFunc as ((x: tf.Tensor, rate: number) => tf.Tensor) | undefined;
    return tf.keep(!training ? ones : drop ? drop(ones, rate) : tf.dropout(ones, rate));
  }
}

const withBias = (product: tf.Tensor, bias: tf.Tensor | undefined) => (bias === undefined ? product : tf.add(product, bias));
