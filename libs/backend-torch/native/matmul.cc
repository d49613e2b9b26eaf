#include "matmul.h"

#include <ATen/ATen.h>

#include "blas.h"

namespace mimo {

at::Tensor linear(const at::Tensor& a, const at::Tensor& b, const at::Tensor& bias) {
  if (a.dim() != 2 || b.dim() != 2 || a.size(1) != b.size(0)) return bias.defined() ? at::addmm(bias, a, b) : at::mm(a, b);  // ATen's own errors
  at::Tensor out = at::empty({a.size(0), b.size(1)}, a.options());
  linearInto(out, a, b, bias);
  return out;
}

void linearInto(at::Tensor& out, const at::Tensor& a, const at::Tensor& b, const at::Tensor& bias) {
  if (bias.defined()) out.copy_(bias.expand_as(out));
  matmulInto(out, a, b, bias.defined() ? 1.0f : 0.0f);
}

}  // namespace mimo
