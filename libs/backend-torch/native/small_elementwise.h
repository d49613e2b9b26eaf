// Elementwise arithmetic on small float32 cpu tensors without ATen's dispatcher and TensorIterator. A training step
// runs dozens of such ops on per-row values (a loss and its gradient: [batch, 1] tensors), each alone between large
// products, where ATen's long code path runs from cold caches: 4–7 µs a call inside a step against 2–3 µs here.
// Only ops whose result is one IEEE rounding of the exact value, or a copy of the input's bits (+, −, ×, ÷,
// negation, |x|, ReLU), so the bits are ATen's (the spec checks them against ATen's on a tensor too large for this).
#pragma once

#include <ATen/core/stack.h>

#include <optional>
#include <string>

namespace mimo {

enum class SmallOp { None, Add, Sub, Mul, Div, Neg, Abs, Relu };

/** The op `aten::<name>.<overload>` runs here, or None. */
SmallOp smallOpNamed(const std::string& name, const std::string& overload);

/**
 * `op` on the boxed arguments of its ATen schema (add / sub: self, other, alpha; mul / div: self, other; neg, abs,
 * relu: self) when every tensor is float32, contiguous, on the cpu, with at most 4,096 elements (past that ATen's
 * vectorised loops win), the two operands of one shape or one of them a single element that broadcasts without
 * changing the other's shape, and alpha is 1; else nullopt, and the caller runs ATen.
 */
std::optional<at::Tensor> smallElementwise(SmallOp op, const torch::jit::Stack& arguments);

}  // namespace mimo
