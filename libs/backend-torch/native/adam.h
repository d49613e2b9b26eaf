// One Adam update of one variable: m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², w' = w − α·m' / (√v' + ε), into
// new tensors (tfjs tensors are immutable). Float32 on the cpu is one vectorised pass over the four arrays;
// anything else (cuda), or `atenOps`, runs ATen ops (seven passes).
#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

namespace mimo {

struct AdamStep {
  double beta1, beta2, epsilon, learningRate;
};

/**
 * → { w', m', v' } for update number `iteration` (an integer scalar tensor, 1-based), whose bias-corrected rate
 * α = learningRate·√(1−β₂ᵗ)/(1−β₁ᵗ) is worked out here in double: a replayed step (step_recording.h) reads the
 * iteration it is at from the tensor.
 */
std::vector<at::Tensor> adamUpdate(const at::Tensor& w, const at::Tensor& g, const at::Tensor& m, const at::Tensor& v, const at::Tensor& iteration,
                                   const AdamStep& step, bool atenOps);

}  // namespace mimo
