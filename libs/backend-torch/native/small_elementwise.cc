#include "small_elementwise.h"

#include <ATen/EmptyTensor.h>

#include <cfloat>
#include <cmath>

#include "flush_denormals.h"

namespace mimo {

namespace {

constexpr int64_t kMaxElements = 4096;

bool small(const at::Tensor& t) {
  return t.scalar_type() == at::kFloat && t.is_cpu() && t.is_contiguous() && t.numel() <= kMaxElements;
}

// A single element broadcast against `other` leaves other's shape as it is ([1, 1] against [64] would not).
bool broadcastsInto(const at::Tensor& one, const at::Tensor& other) {
  return one.numel() == 1 && one.dim() <= other.dim();
}

at::Tensor emptyLike(const at::Tensor& t) {
  return at::detail::empty_cpu(t.sizes(), at::kFloat, /*pin_memory=*/false, c10::nullopt);
}

template <typename F>
at::Tensor unary(const at::Tensor& x, F f) {
  at::Tensor out = emptyLike(x);
  const float* in = x.data_ptr<float>();
  float* to = out.data_ptr<float>();
  const int64_t n = x.numel();
#pragma omp simd
  for (int64_t i = 0; i < n; ++i) to[i] = f(in[i]);
  return out;
}

template <typename F>
std::optional<at::Tensor> binary(const at::Tensor& a, const at::Tensor& b, F f) {
  const bool sameShape = a.sizes() == b.sizes();
  const bool bBroadcasts = !sameShape && broadcastsInto(b, a);
  if (!sameShape && !bBroadcasts && !broadcastsInto(a, b)) return std::nullopt;
  at::Tensor out = emptyLike(sameShape || bBroadcasts ? a : b);
  const float *x = a.data_ptr<float>(), *y = b.data_ptr<float>();
  float* to = out.data_ptr<float>();
  const int64_t n = out.numel();
  if (sameShape) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) to[i] = f(x[i], y[i]);
  } else if (bBroadcasts) {
    const float s = y[0];
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) to[i] = f(x[i], s);
  } else {
    const float s = x[0];
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) to[i] = f(s, y[i]);
  }
  return out;
}

}  // namespace

SmallOp smallOpNamed(const std::string& name, const std::string& overload) {
  if (overload == "Tensor") {
    if (name == "aten::add") return SmallOp::Add;
    if (name == "aten::sub") return SmallOp::Sub;
    if (name == "aten::mul") return SmallOp::Mul;
    if (name == "aten::div") return SmallOp::Div;
  } else if (overload.empty()) {
    if (name == "aten::neg") return SmallOp::Neg;
    if (name == "aten::abs") return SmallOp::Abs;
    if (name == "aten::relu") return SmallOp::Relu;
  }
  return SmallOp::None;
}

std::optional<at::Tensor> smallElementwise(SmallOp op, const torch::jit::Stack& arguments) {
  if (op == SmallOp::None || arguments.empty() || !arguments[0].isTensor() || !small(arguments[0].toTensor())) return std::nullopt;
  const at::Tensor& a = arguments[0].toTensor();
  switch (op) {
    case SmallOp::Neg: return unary(a, [](float v) { return -v; });
    case SmallOp::Abs: return unary(a, [](float v) { return std::fabs(v); });
    // NaN fails both comparisons and passes through, as in ATen's clamp_min(x, 0). With denormals flushed
    // (flush_denormals.h), ATen's max reads a denormal as the zero of its sign, where a comparison alone would
    // pass its bits through.
    case SmallOp::Relu:
      if (flushingDenormals()) return unary(a, [](float v) { return v < 0.0f ? 0.0f : (std::fabs(v) < FLT_MIN ? std::copysign(0.0f, v) : v); });
      return unary(a, [](float v) { return v < 0.0f ? 0.0f : v; });
    default: break;
  }
  if (arguments.size() < 2 || !arguments[1].isTensor() || !small(arguments[1].toTensor())) return std::nullopt;
  const at::Tensor& b = arguments[1].toTensor();
  switch (op) {
    case SmallOp::Add:
    case SmallOp::Sub:
      if (arguments.size() < 3 || !arguments[2].isScalar() || arguments[2].toScalar().toDouble() != 1.0) return std::nullopt;
      if (op == SmallOp::Add) return binary(a, b, [](float x, float y) { return x + y; });
      return binary(a, b, [](float x, float y) { return x - y; });
    case SmallOp::Mul: return binary(a, b, [](float x, float y) { return x * y; });
    default: return binary(a, b, [](float x, float y) { return x / y; });
  }
}

}  // namespace mimo
