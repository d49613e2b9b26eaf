// The result shape and dtype of an ATen call, known from its arguments' sizes and dtypes alone, for the operators a
// training step runs most: what lets the call be queued on the kernel thread (kernel_thread.h) while its inputs are
// still being computed. Only sizes and dtypes are read (a queued call's placeholder has nothing else yet), and
// only where ATen's own rule is simple: floating pointwise math of one dtype, broadcasting, reductions over listed
// axes, and shape views. Anything else (and any argument ATen would reject) predicts nothing: the call runs at once.
#pragma once

#include <ATen/core/Tensor.h>
#include <ATen/core/stack.h>

#include <optional>
#include <string>
#include <vector>

namespace mimo {

/** How an operator's result shape follows from its arguments. */
enum class ShapeRule { None, Pointwise, SameShape, Broadcast, BroadcastScalar, Reduce, Reshape, Slice, Unsqueeze, Permute, Transpose };

/** The rule of aten::<name>.<overload>; None for operators outside it. */
ShapeRule shapeRuleOf(const std::string& name, const std::string& overload);

struct Predicted {
  std::vector<int64_t> sizes;
  at::ScalarType dtype;
};

/** The one result of a call under `rule` with the arguments on `stack` (every argument filled in), if predictable. */
std::optional<Predicted> predictResult(ShapeRule rule, const torch::jit::Stack& stack);

}  // namespace mimo
