// tfjs's Step (x > 0 ? 1 : alpha, NaN staying NaN), the ReLU gradient, which training runs over every ReLU
// activation of every step: on float32 cpu memory one vectorised pass, where ATen needs two (ceil of clamp).
#pragma once

#include <ATen/core/Tensor.h>

#include <optional>

namespace mimo {

/** Step of a float32 cpu `x` into a new tensor; nullopt for any other tensor (the caller composes ATen ops). */
std::optional<at::Tensor> stepCpu(const at::Tensor& x, double alpha);

}  // namespace mimo
