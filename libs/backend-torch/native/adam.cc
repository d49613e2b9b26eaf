#include "adam.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <cmath>
#include <stdexcept>

#include "simd.h"
#include "thread_handoff.h"

namespace mimo {

namespace {

struct AdamArrays {
  const float *w, *g, *m, *v;
  float *newW, *newM, *newV;
};

// The scalars rounded to float as ATen rounds a Scalar for a float32 op.
MIMO_SIMD_CLONES void adamRange(const AdamArrays& a, int64_t begin, int64_t end, float beta1, float keep1, float beta2, float keep2, float epsilon, float alpha) {
#pragma omp simd
  for (int64_t i = begin; i < end; ++i) {
    const float g = a.g[i];
    const float m = a.m[i] * beta1 + g * keep1;
    const float v = a.v[i] * beta2 + g * g * keep2;
    a.newM[i] = m;
    a.newV[i] = v;
    a.newW[i] = a.w[i] - alpha * m / (std::sqrt(v) + epsilon);
  }
}

bool sameLayout(const at::Tensor& t, const at::Tensor& like) {
  return t.scalar_type() == at::kFloat && t.is_cpu() && t.is_contiguous() && t.sizes() == like.sizes();
}

bool onePass(const at::Tensor& w, const at::Tensor& g, const at::Tensor& m, const at::Tensor& v) {
  return sameLayout(w, w) && sameLayout(g, w) && sameLayout(m, w) && sameLayout(v, w);
}

// No view or alias shares the tensor's memory (each of those holds the storage too).
bool ownsStorage(const at::Tensor& t) {
  return t.storage().use_count() == 1;
}

// The cpu's one pass over one variable at the bias-corrected rate `alpha`, into newW, newM, newV (w, m, v themselves
// in place: each element is read before it is written).
void adamInto(const at::Tensor& w, const at::Tensor& g, const at::Tensor& m, const at::Tensor& v, const AdamStep& s, double alpha, at::Tensor& newW, at::Tensor& newM, at::Tensor& newV) {
  const AdamArrays arrays{w.data_ptr<float>(), g.data_ptr<float>(), m.data_ptr<float>(), v.data_ptr<float>(),
                          newW.data_ptr<float>(), newM.data_ptr<float>(), newV.data_ptr<float>()};
  // ATen's own grain back to back, 8× it between JavaScript calls (thread_handoff.h).
  at::parallel_for(0, w.numel(), handoffGrain(at::internal::GRAIN_SIZE), [&](int64_t begin, int64_t end) {
    adamRange(arrays, begin, end, static_cast<float>(s.beta1), static_cast<float>(1 - s.beta1), static_cast<float>(s.beta2),
              static_cast<float>(1 - s.beta2), static_cast<float>(s.epsilon), static_cast<float>(alpha));
  });
}

// One variable's update at the bias-corrected rate `alpha`, into new tensors.
std::vector<at::Tensor> adamUpdateOne(const at::Tensor& w, const at::Tensor& g, const at::Tensor& m, const at::Tensor& v, const AdamStep& s, double alpha, bool atenOps) {
  if (atenOps || !onePass(w, g, m, v)) {
    at::Tensor newM = m.mul(s.beta1).add_(g, 1 - s.beta1);
    at::Tensor newV = v.mul(s.beta2).addcmul_(g, g, 1 - s.beta2);
    return {w.addcdiv(newM, newV.sqrt().add_(s.epsilon), -alpha), newM, newV};
  }
  at::Tensor newW = at::empty_like(w), newM = at::empty_like(m), newV = at::empty_like(v);
  adamInto(w, g, m, v, s, alpha, newW, newM, newV);
  return {newW, newM, newV};
}

}  // namespace

std::vector<at::Tensor> adamUpdate(const std::vector<at::Tensor>& tensors, const AdamStep& s, bool atenOps, bool inPlace) {
  if (tensors.size() % 4 != 1) throw std::invalid_argument("torch backend: adamUpdate takes w, g, m, v per variable, then the iteration");
  const double t = static_cast<double>(tensors.back().item<int64_t>());
  const double alpha = s.learningRate * std::sqrt(1 - std::pow(s.beta2, t)) / (1 - std::pow(s.beta1, t));
  bool writable = inPlace && !atenOps;
  for (size_t i = 0; writable && i + 1 < tensors.size(); i += 4) {
    const at::Tensor &w = tensors[i], &g = tensors[i + 1], &m = tensors[i + 2], &v = tensors[i + 3];
    writable = onePass(w, g, m, v) && ownsStorage(w) && ownsStorage(m) && ownsStorage(v);
  }
  if (writable) {
    for (size_t i = 0; i + 1 < tensors.size(); i += 4) {
      at::Tensor w = tensors[i], m = tensors[i + 2], v = tensors[i + 3];
      adamInto(w, tensors[i + 1], m, v, s, alpha, w, m, v);
    }
    return {};
  }
  std::vector<at::Tensor> updated;
  updated.reserve(tensors.size() / 4 * 3);
  for (size_t i = 0; i + 1 < tensors.size(); i += 4) {
    for (at::Tensor& result : adamUpdateOne(tensors[i], tensors[i + 1], tensors[i + 2], tensors[i + 3], s, alpha, atenOps)) updated.push_back(std::move(result));
  }
  return updated;
}

}  // namespace mimo
