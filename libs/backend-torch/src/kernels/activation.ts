import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { TorchBackend } from '../torch-backend';

/** tfjs's fused activations (`_FusedMatMul`, `FusedConv2D`). */
export type FusedActivation = 'linear' | 'relu' | 'relu6' | 'prelu' | 'elu' | 'sigmoid' | 'leakyrelu';

/** Applies a fused activation natively; `prelu` needs its weights, `leakyrelu` its alpha. */
export function applyActivation(
  b: TorchBackend,
  x: NativeTensor,
  activation: FusedActivation | undefined,
  preluWeights?: tf.TensorInfo,
  leakyreluAlpha = 0.2,
): NativeTensor {
  switch (activation ?? 'linear') {
    case 'linear':
      return x;
    case 'relu':
      return b.op('relu', '', x);
    case 'relu6':
      return b.op('hardtanh', '', x, 0, 6);
    case 'elu':
      return b.op('elu', '', x);
    case 'sigmoid':
      return b.op('sigmoid', '', x);
    case 'leakyrelu':
      return b.op('leaky_relu', '', x, leakyreluAlpha);
    case 'prelu': {
      if (preluWeights === undefined) throw new Error('torch backend: prelu activation without weights');
      return prelu(b, x, preluWeights);
    }
    default:
      throw new Error(`torch backend: unknown fused activation '${activation}'`);
  }
}

/** x < 0 ? alpha·x : x, alpha broadcast against x. */
export function prelu(b: TorchBackend, x: NativeTensor | tf.TensorInfo, alpha: NativeTensor | tf.TensorInfo): NativeTensor {
  const negative = b.op('lt', 'Scalar', x, 0);
  return b.op('where', 'self', negative, b.op('mul', 'Tensor', x, alpha), x);
}
