import * as tf from '@tensorflow/tfjs';
import { torchKernel } from './kernel';

/**
 * One Adam update of one variable as one kernel, called by name by @mimo/core's Adam on any backend that
 * registers it (the stock ops run elsewhere): 11 tfjs kernels per variable become 7 ATen calls. Contract:
 * inputs variable, gradient, m, v (float32, one shape); attrs beta1, beta2, epsilon and alpha (the step's
 * bias-corrected rate); outputs the new variable, m and v:
 * m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², w' = w − α·m' / (√v' + ε).
 */
export const ADAM_UPDATE_KERNEL = 'MimoAdamUpdate';

interface AdamAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  alpha: number;
}

export const optimizerKernels: tf.KernelConfig[] = [
  torchKernel(ADAM_UPDATE_KERNEL, ({ inputs: { variable, gradient, m, v }, attrs, backend: b }) => {
    const { beta1, beta2, epsilon, alpha } = attrs as unknown as AdamAttrs;
    const newM = b.op('add', 'Tensor', b.op('mul', 'Scalar', m, beta1), gradient, 1 - beta1);
    const newV = b.op('addcmul', '', b.op('mul', 'Scalar', v, beta2), gradient, gradient, 1 - beta2);
    const denominator = b.op('add', 'Scalar', b.op('sqrt', '', newV), epsilon);
    return [b.op('addcdiv', '', variable, newM, denominator, -alpha), newM, newV];
  }),
];
