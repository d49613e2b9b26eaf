import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, AdamUpdateAttrs, adamUpdateParts } from '@mimo/kernels';
import { torchKernel } from './kernel';

// The fused Adam update of @mimo/kernels' contract (ADAM_UPDATE_KERNEL): 11 tfjs kernels per variable, for every
// variable of the step, in one native call.

export const optimizerKernels: tf.KernelConfig[] = [
  torchKernel(ADAM_UPDATE_KERNEL, ({ inputs, attrs, backend }) => {
    const { beta1, beta2, epsilon, learningRate, atenOps } = attrs as unknown as AdamUpdateAttrs;
    const { variables, iteration } = adamUpdateParts(inputs);
    const tensors = [...variables.flatMap(({ variable, gradient, m, v }) => [variable, gradient, m, v]), iteration];
    return backend.adamUpdate(tensors, beta1, beta2, epsilon, learningRate, atenOps === true);
  }),
];
