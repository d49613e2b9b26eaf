/**
 * A head's whole loss as one kernel each way: the per-example loss of Keras / tfjs-layers on the head's output
 * (probabilities for the cross-entropies), times a per-example weight, averaged over the batch. The stock form is
 * 10–30 tfjs kernels each way per head.
 * - forward inputs yTrue, yPred [batch, units] float32 and weights [batch] (optional: 1 for every example); attrs
 *   `HeadLossAttrs` → the loss, a float32 scalar.
 * - backward inputs yTrue, yPred, weights (optional) and dy (the loss's gradient, a scalar) → dyPred. It has no
 *   gradient itself (first-order gradients only), and none for yTrue or the weights (data, not parameters).
 * The per-example losses, with q the prediction clipped to [ε, 1 − ε] (no gradient where the clip bites):
 * - `binaryCrossentropy`: mean over units of −(y·log q + (1 − y)·log(1 − q));
 * - `categoricalCrossentropy`: −Σ y·log q, q clipped after each row is scaled to sum to 1;
 * - `meanSquaredError`: mean over units of (yPred − y)²;
 * - `meanAbsoluteError`: mean over units of |yPred − y| (gradient −1 where they are equal, as tfjs's Abs has it);
 * and from logits x = yPred (tfjs's `tf.losses` of the same names, no clip):
 * - `sigmoidCrossEntropy`: mean over units of max(x, 0) − x·y + log(1 + e^−|x|);
 * - `softmaxCrossEntropy`: −Σ y·log softmax(x).
 */
export const HEAD_LOSS_KERNELS = { forward: 'MimoHeadLoss', backward: 'MimoHeadLossGrad' } as const;

export const HEAD_LOSSES = ['binaryCrossentropy', 'categoricalCrossentropy', 'meanSquaredError', 'meanAbsoluteError', 'sigmoidCrossEntropy', 'softmaxCrossEntropy'] as const;
export type HeadLossName = (typeof HEAD_LOSSES)[number];

export interface HeadLossAttrs {
  loss: HeadLossName;
  /** The clip of the cross-entropies (tfjs-layers' epsilon(), 1e-7). */
  epsilon: number;
  /** For checks: ATen ops as on cuda, not the cpu's one pass over the rows. */
  atenOps?: boolean;
}
