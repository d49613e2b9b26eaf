#include "matmul.h"

#include <ATen/ATen.h>

#include "small_gemm.h"
#include "thread_handoff.h"

namespace mimo {

namespace {

// A contiguous copy of a 2-D float cpu tensor; a transposed view is copied by transposeInto, 2–3× faster than ATen.
at::Tensor rowsOf(const at::Tensor& b) {
  if (b.stride(0) != 1) return b.contiguous();
  at::Tensor rows = at::empty({b.size(0), b.size(1)}, b.options());
  transposeInto(b.size(1), b.size(0), b.data_ptr<float>(), b.stride(1), rows.data_ptr<float>(), b.size(1));
  return rows;
}

}  // namespace

void matmulInto(at::Tensor& out, const at::Tensor& a, const at::Tensor& b, float beta) {
  const bool floats = a.scalar_type() == at::kFloat && b.scalar_type() == at::kFloat && out.scalar_type() == at::kFloat;
  const bool cpu = a.is_cpu() && b.is_cpu() && out.is_cpu();
  const bool contiguous = out.stride(1) == 1 && (a.stride(1) == 1 || a.stride(0) == 1);
  if (floats && cpu && contiguous && out.size(1) % 16 == 0 && smallGemmAvailable()) {
    const bool rows = a.stride(1) == 1;
    // The kernel reads b's rows: a transposed b (a layer's kernelᵀ) is copied into rows first.
    const at::Tensor bRows = b.stride(1) == 1 ? b : rowsOf(b);
    smallGemm(rows ? ALayout::Rows : ALayout::Transposed, a.size(0), b.size(1), a.size(1), a.data_ptr<float>(), rows ? a.stride(0) : a.stride(1),
              bRows.data_ptr<float>(), bRows.stride(0), beta, out.data_ptr<float>(), out.stride(0));
  } else {
    // The million multiply-adds a thread at which small_gemm.cc's products split.
    const OneThreadForSmallWork oneThread(a.size(0) * a.size(1) * b.size(1), int64_t{1} << 20);
    if (beta == 0.0f) at::mm_out(out, a, b);
    else out.addmm_(a, b, beta, 1.0f);
  }
}

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
