// A head's loss and its gradient on float32 cpu tensors as one pass over the rows, instead of head_loss.cc's chain
// of 10–15 ATen ops: on a [64, 1] head each ATen op is a dispatch for a few dozen numbers, and the chain made a
// plain loop's loss 90 µs a step forward. Same formulas as head_loss.cc (its comments say where they come from);
// sums in double, so the result is within float rounding of ATen's, not bit for bit.
#pragma once

#include <ATen/core/Tensor.h>

#include <optional>

#include "head_loss.h"

namespace mimo {

/** headLossForward on the cpu for a 2-D float32 yPred and yTrue of its shape; nullopt elsewhere (the ATen chain runs). */
std::optional<at::Tensor> headLossForwardCpu(HeadLoss loss, const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights, double epsilon);

/** headLossBackward likewise. */
std::optional<at::Tensor> headLossBackwardCpu(HeadLoss loss, const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights, const at::Tensor& dLoss, double epsilon);

}  // namespace mimo
