#include "step.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include "simd.h"

namespace mimo {

namespace {

MIMO_SIMD_CLONES void stepRange(const float* x, float* out, int64_t begin, int64_t end, float alpha) {
#pragma omp simd
  for (int64_t i = begin; i < end; ++i) {
    const float v = x[i];
    out[i] = v > 0.f ? 1.f : (v != v ? v : alpha);
  }
}

}  // namespace

std::optional<at::Tensor> stepCpu(const at::Tensor& x, double alpha) {
  if (!x.is_cpu() || x.scalar_type() != at::kFloat) return std::nullopt;
  const at::Tensor in = x.contiguous();
  at::Tensor out = at::empty_like(in);
  const float* from = in.data_ptr<float>();
  float* to = out.data_ptr<float>();
  at::parallel_for(0, in.numel(), at::internal::GRAIN_SIZE, [&](int64_t begin, int64_t end) { stepRange(from, to, begin, end, static_cast<float>(alpha)); });
  return out;
}

}  // namespace mimo
