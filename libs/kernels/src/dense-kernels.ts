/**
 * A Dense layer's whole forward and whole backward as one kernel each: the matrix product, bias and activation in
 * one tfjs kernel instead of four, and their gradients in one instead of about eight.
 * - forward inputs x [..., in] float32, kernel [in, out], bias [out] (optional); attrs `DenseAttrs` → y [..., out].
 * - backward inputs x, kernel, y (the forward's output), dy; attrs `DenseGradAttrs` → dx (unless `inputGradient` is
 *   false), dKernel, then dBias with a bias. It has no gradient itself: first-order gradients only.
 */
export const DENSE_KERNELS = { forward: 'MimoDense', backward: 'MimoDenseGrad' } as const;

/** Activations the kernels take: their gradient follows from the output alone. */
export const DENSE_ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh'] as const;
export type DenseActivation = (typeof DENSE_ACTIVATIONS)[number];

export interface DenseAttrs {
  activation: DenseActivation;
}

export interface DenseGradAttrs extends DenseAttrs {
  hasBias: boolean;
  /** false: no dx (x is a model's input, say), which saves a product as large as dKernel's. Default true. */
  inputGradient?: boolean;
}
