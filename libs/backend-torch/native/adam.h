// One Adam update of one variable: m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², w' = w − α·m' / (√v' + ε), into
// new tensors (tfjs tensors are immutable). Float32 on the cpu is one vectorised pass over the four arrays;
// anything else (cuda), or `atenOps`, runs ATen ops (seven passes).
#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

namespace mimo {

struct AdamStep {
  double beta1, beta2, epsilon, alpha;  // alpha: the step's bias-corrected learning rate
};

/** → { w', m', v' }. */
std::vector<at::Tensor> adamUpdate(const at::Tensor& w, const at::Tensor& g, const at::Tensor& m, const at::Tensor& v, const AdamStep& step, bool atenOps);

}  // namespace mimo
