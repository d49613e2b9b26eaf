// One Adam update of every variable of a step: m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², w' = w − α·m' / (√v' + ε),
// into new tensors (tfjs tensors are immutable), or in place where the caller knows nothing else holds w, m and v.
// Float32 on the cpu is one vectorised pass over each variable's four arrays; anything else (cuda), or `atenOps`,
// runs ATen ops (seven passes) at a rate worked out on the iteration's device, never read back to the host.
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
 * double (on t's device for the ATen ops): a replayed step (step_recording.h) reads the iteration it is at from the tensor. With `inPlace` (the
 * caller's word that no other tensor shares w, m or v), when every variable takes the cpu's one pass and no view
 * shares the storage of its w, m or v, they are written in place (the same bits) and nothing is returned: a plain
 * step then allocates no new weights and slots.
 */
std::vector<at::Tensor> adamUpdate(const std::vector<at::Tensor>& tensors, const AdamStep& step, bool atenOps, bool inPlace = false);

}  // namespace mimo
