// The 2-D products of the dense and matmul kernels: AVX-512 registers for float32 on the cpu (small_gemm.h), where
// OpenBLAS's AVX2 kernel ran the bench MLP's products at about 85 GFLOP/s; ATen's mm / addmm everywhere else.
#pragma once

#include <ATen/core/Tensor.h>

namespace mimo {

/**
 * a·b + bias for a [m, k] and b [k, n], either of them a transposed view; bias (undefined for none) broadcasts to
 * [m, n] as in addmm. → a new contiguous [m, n] tensor.
 */
at::Tensor linear(const at::Tensor& a, const at::Tensor& b, const at::Tensor& bias);

/** The same written into `out`, an [m, n] tensor (or view) whose rows are contiguous. */
void linearInto(at::Tensor& out, const at::Tensor& a, const at::Tensor& b, const at::Tensor& bias);

}  // namespace mimo
