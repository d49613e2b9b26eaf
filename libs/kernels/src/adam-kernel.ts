/**
 * One Adam update of one variable as one kernel: 11 tfjs kernels per variable become one native call. Inputs
 * variable, gradient, m, v (float32, one shape); attrs `AdamUpdateAttrs`; outputs the new variable, m and v:
 * m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², w' = w − α·m' / (√v' + ε).
 */
export const ADAM_UPDATE_KERNEL = 'MimoAdamUpdate';

export interface AdamUpdateAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** The step's bias-corrected learning rate. */
  alpha: number;
  /** For checks: ATen ops as on cuda, not the cpu's one pass. */
  atenOps?: boolean;
}
