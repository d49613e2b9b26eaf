import * as tf from '@tensorflow/tfjs';
import { EncodedInput } from '../encoders/encoded-input';
import { BuildContext } from '../model/build-context';

export interface FusionBuildOptions<C> {
  /** Encoded inputs, in the spec's input order. */
  encoded: Record<string, EncodedInput>;
  config: C;
  ctx: BuildContext;
}

export interface FusionDefinition<C> {
  /** Inputs whose encoders must also return per-step / per-patch features. */
  sequenceInputs(config: C): string[];
  /** Input names the config refers to (checked against the spec). */
  referencedInputs(config: C): string[];
  build(options: FusionBuildOptions<C>): tf.SymbolicTensor;
}

/** Concatenates along `axis` (features by default); a single tensor passes through untouched. */
export function concatFeatures(features: tf.SymbolicTensor[], ctx: BuildContext, what = 'concat', axis = -1): tf.SymbolicTensor {
  if (features.length === 1) return features[0];
  return tf.layers.concatenate({ axis, name: ctx.name(what) }).apply(features) as tf.SymbolicTensor;
}
