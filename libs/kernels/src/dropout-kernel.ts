/**
 * A dropout mask drawn from a seed: input seed (int32 scalar); attrs `DropoutMaskAttrs`; output float32 [shape]
 * holding 1/(1−rate) where an element is kept (with probability 1−rate) and 0 elsewhere, so that x · mask is
 * tfjs's `tf.dropout(x, rate)`. The same seed gives the same mask on the same backend (on torch, on every
 * device). The seed is a tensor, not an attribute, so that a replayed step (`replayable`) draws a new mask
 * whenever its seed tensor changes.
 */
export const DROPOUT_MASK_KERNEL = 'MimoDropoutMask';

export interface DropoutMaskAttrs {
  shape: number[];
  rate: number;
  /** For checks: ATen ops as on cuda, not the cpu's loop (the same mask). */
  atenOps?: boolean;
}
