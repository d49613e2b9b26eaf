// A head's whole loss, forward and backward, each in one native call (@mimo/kernels' HEAD_LOSS_KERNELS): the
// per-example loss of tfjs-layers on the head's output (or of tf.losses on logits), times a per-example weight, averaged over the batch. ATen
// ops, so the same code runs on every device; a replayed step records each call as one op.
#pragma once

#include <ATen/core/Tensor.h>

#include <string>

namespace mimo {

enum class HeadLoss { BinaryCrossentropy, CategoricalCrossentropy, MeanSquaredError, MeanAbsoluteError, SigmoidCrossEntropy, SoftmaxCrossEntropy };

HeadLoss headLossNamed(const std::string& name);

/**
 * yTrue, yPred [batch, units]; weights [batch] or undefined (1 each) → the mean over the batch of weight · loss. On
 * the cpu one pass over the rows (head_loss_cpu.h) unless `atenOps` (checks: the ATen ops cuda runs).
 */
at::Tensor headLossForward(HeadLoss loss, const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights, double epsilon, bool atenOps = false);

/** The gradient of headLossForward for yPred, given the loss's gradient `dLoss` (a scalar tensor). */
at::Tensor headLossBackward(HeadLoss loss, const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights, const at::Tensor& dLoss, double epsilon, bool atenOps = false);

}  // namespace mimo
