import * as tf from '@tensorflow/tfjs';
import { torchKernel } from './kernel';

/**
 * One Adam update of one variable as one kernel, called by name by @mimo/core's Adam on any backend that
 * registers it (the stock ops run elsewhere): 11 tfjs kernels per variable become one native call. Contract:
 * inputs variable, gradient, m, v (float32, one shape); attrs beta1, beta2, epsilon and alpha (the step's
 * bias-corrected rate), `atenOps` (optional, for checks: ATen ops as on cuda, not the cpu's one pass); outputs
 * the new variable, m and v: m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², w' = w − α·m' / (√v' + ε).
 */
export const ADAM_UPDATE_KERNEL = 'MimoAdamUpdate';

interface AdamAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  alpha: number;
  atenOps?: boolean;
}

export const optimizerKernels: tf.KernelConfig[] = [
  torchKernel(ADAM_UPDATE_KERNEL, ({ inputs: { variable, gradient, m, v }, attrs, backend }) => {
    const { beta1, beta2, epsilon, alpha, atenOps } = attrs as unknown as AdamAttrs;
    return backend.adamUpdate([variable, gradient, m, v], beta1, beta2, epsilon, alpha, atenOps === true);
  }),
];
