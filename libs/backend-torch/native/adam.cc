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

// One variable's update at the bias-corrected rate `alpha`, into new tensors, on the cpu's one pass.
std::vector<at::Tensor> adamUpdateOne(const at::Tensor& w, const at::Tensor& g, const at::Tensor& m, const at::Tensor& v, const AdamStep& s, double alpha) {
  at::Tensor newW = at::empty_like(w), newM = at::empty_like(m), newV = at::empty_like(v);
  adamInto(w, g, m, v, s, alpha, newW, newM, newV);
  return {newW, newM, newV};
}

// One variable's update in ATen ops at the rate `negativeAlpha` (−α as a one-element tensor on w's device).
std::vector<at::Tensor> adamUpdateAten(const at::Tensor& w, const at::Tensor& g, const at::Tensor& m, const at::Tensor& v, const AdamStep& s, const at::Tensor& negativeAlpha) {
  at::Tensor newM = m.mul(s.beta1).add_(g, 1 - s.beta1);
  at::Tensor newV = v.mul(s.beta2).addcmul_(g, g, 1 - s.beta2);
  return {w.addcmul(newM.div(newV.sqrt().add_(s.epsilon)), negativeAlpha), newM, newV};
}

// −α worked out from the iteration tensor `t` on its own device, in double, then rounded to float: no value is read
// back to the host, so that the update can be part of a CUDA graph (step_graph.h).
at::Tensor negativeAlphaOf(const at::Tensor& t, const AdamStep& s) {
  const at::Tensor iteration = t.to(at::kDouble);
  at::Tensor correction1 = at::pow(s.beta1, iteration).neg_().add_(1);
  return at::pow(s.beta2, iteration).neg_().add_(1).sqrt_().mul_(-s.learningRate).div_(correction1).to(at::kFloat);
}

}  // namespace

std::vector<at::Tensor> adamUpdate(const std::vector<at::Tensor>& tensors, const AdamStep& s, bool atenOps, bool inPlace) {
  if (tensors.size() % 4 != 1) throw std::invalid_argument("torch backend: adamUpdate takes w, g, m, v per variable, then the iteration");
  const at::Tensor& iteration = tensors.back();
  // The one pass takes α in double from a cpu iteration; a device's is never read on the host (α is then unused).
  const bool hostIteration = iteration.is_cpu();
  const double t = hostIteration ? static_cast<double>(iteration.item<int64_t>()) : 1;
  const double alpha = s.learningRate * std::sqrt(1 - std::pow(s.beta2, t)) / (1 - std::pow(s.beta1, t));
  auto takesOnePass = [&](size_t i) { return !atenOps && hostIteration && onePass(tensors[i], tensors[i + 1], tensors[i + 2], tensors[i + 3]); };
  bool writable = inPlace;
  for (size_t i = 0; writable && i + 1 < tensors.size(); i += 4) writable = takesOnePass(i) && ownsStorage(tensors[i]) && ownsStorage(tensors[i + 2]) && ownsStorage(tensors[i + 3]);
  if (writable) {
    for (size_t i = 0; i + 1 < tensors.size(); i += 4) {
      at::Tensor w = tensors[i], m = tensors[i + 2], v = tensors[i + 3];
      adamInto(w, tensors[i + 1], m, v, s, alpha, w, m, v);
    }
    return {};
  }
  std::vector<at::Tensor> updated;
  updated.reserve(tensors.size() / 4 * 3);
  at::Tensor negativeAlpha;  // worked out once, for the first variable that runs ATen ops
  for (size_t i = 0; i + 1 < tensors.size(); i += 4) {
    std::vector<at::Tensor> results;
    if (takesOnePass(i)) {
      results = adamUpdateOne(tensors[i], tensors[i + 1], tensors[i + 2], tensors[i + 3], s, alpha);
    } else {
      if (!negativeAlpha.defined()) negativeAlpha = negativeAlphaOf(iteration, s);
      results = adamUpdateAten(tensors[i], tensors[i + 1], tensors[i + 2], tensors[i + 3], s, negativeAlpha);
    }
    for (at::Tensor& result : results) updated.push_back(std::move(result));
  }
  return updated;
}

}  // namespace mimo
