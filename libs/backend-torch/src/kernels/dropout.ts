import * as tf from '@tensorflow/tfjs';
import { DROPOUT_MASK_KERNEL, DropoutMaskAttrs } from '@mimo/kernels';
import { torchKernel } from './kernel';

// The dropout mask of @mimo/kernels' contract (DROPOUT_MASK_KERNEL), drawn natively from a seed tensor.

export const dropoutKernels: tf.KernelConfig[] = [
  torchKernel(DROPOUT_MASK_KERNEL, ({ inputs: { seed }, attrs, backend }) => {
    const { shape, rate, atenOps } = attrs as unknown as DropoutMaskAttrs;
    return backend.dropoutMask(seed, shape, rate, atenOps === true);
  }),
];
