/**
 * One Adam update of one variable as one kernel: 11 tfjs kernels per variable become one native call. Inputs
 * variable, gradient, m, v (float32, one shape) and iteration (int32 scalar: the update's 1-based number t);
 * attrs `AdamUpdateAttrs`; outputs the new variable, m and v:
 * m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², w' = w − α·m' / (√v' + ε), α = learningRate·√(1−β₂ᵗ)/(1−β₁ᵗ) in
 * float64. t is a tensor, not an attribute, so that a replayed step (whose attributes are fixed) counts on.
 */
export const ADAM_UPDATE_KERNEL = 'MimoAdamUpdate';

export interface AdamUpdateAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  /** For checks: ATen ops as on cuda, not the cpu's one pass. */
  atenOps?: boolean;
}
