import * as tf from '@tensorflow/tfjs';
import { BuildContext } from '../model/build-context';
import { InputKind, InputShapeSpec } from '../spec/input-kinds';

/** What an encoder hands to fusion. */
export interface EncodedInput {
  /** One vector per example: `[batch, d]`. */
  features: tf.SymbolicTensor;
  /** Per-step or per-patch features for attention fusion: `[batch, steps, d]` (built only when asked). */
  sequence?: tf.SymbolicTensor;
  /** 0/1 float mask of `sequence`'s valid steps: `[batch, steps]`, when some steps are padding. */
  mask?: tf.SymbolicTensor;
}

export interface EncoderBuildOptions<C> {
  input: tf.SymbolicTensor;
  inputSpec: InputShapeSpec;
  config: C;
  ctx: BuildContext;
  /** Fusion attends over this input, so the encoder must also return `sequence`. */
  needsSequence: boolean;
}

export interface EncoderDefinition<C> {
  /** Input kinds this encoder can read. */
  accepts: readonly InputKind[];
  build(options: EncoderBuildOptions<C>): EncodedInput;
}
