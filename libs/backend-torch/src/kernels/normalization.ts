import * as tf from '@tensorflow/tfjs';
import { inputDtype, torchKernel } from './kernel';

export const normalizationKernels: tf.KernelConfig[] = [
  // offset + (x - mean) · scale / sqrt(variance + ε), every parameter broadcast against x.
  torchKernel(
    'FusedBatchNorm',
    ({ inputs: { x, mean, variance, offset, scale }, attrs, backend: b }) => {
      const invStd = b.op('rsqrt', '', b.op('add', 'Scalar', variance, attrs.varianceEpsilon as number));
      const centred = b.op('sub', 'Tensor', x, mean);
      const scaled = b.op('mul', 'Tensor', centred, scale == null ? invStd : b.op('mul', 'Tensor', invStd, scale));
      return offset == null ? scaled : b.op('add', 'Tensor', scaled, offset);
    },
    inputDtype('x'),
  ),
];
