import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, AdamUpdateAttrs } from '@mimo/kernels';
import { torchKernel } from './kernel';

// The fused Adam update of @mimo/kernels' contract (ADAM_UPDATE_KERNEL): 11 tfjs kernels per variable in one call.

export const optimizerKernels: tf.KernelConfig[] = [
  torchKernel(ADAM_UPDATE_KERNEL, ({ inputs: { variable, gradient, m, v, iteration }, attrs, backend }) => {
    const { beta1, beta2, epsilon, learningRate, atenOps } = attrs as unknown as AdamUpdateAttrs;
    return backend.adamUpdate([variable, gradient, m, v, iteration], beta1, beta2, epsilon, learningRate, atenOps === true);
  }),
];
