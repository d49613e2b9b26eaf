// One Adam update of every variable of a step: m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², w' = w − α·m' / (√v' + ε),
// into new tensors (tfjs tensors are immutable). Float32 on the cpu is one vectorised pass over each variable's four
// arrays; anything else (cuda), or `atenOps`, runs ATen ops (seven passes).
#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

namespace mimo {

struct AdamStep {
  double beta1, beta2, epsilon, learningRate;
};

/**
 * `tensors`: w, g, m, v of each variable, then the update's number t (an integer scalar tensor, 1-based) →
 * w', m', v' of each variable. The bias-corrected rate α = learningRate·√(1−β₂ᵗ)/(1−β₁ᵗ) is worked out here in
 * double: a replayed step (step_recording.h) reads the iteration it is at from the tensor.
 */
std::vector<at::Tensor> adamUpdate(const std::vector<at::Tensor>& tensors, const AdamStep& step, bool atenOps);

}  // namespace mimo
