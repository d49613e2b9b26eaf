// The 2-D products of the dense, matmul and recurrent kernels: AVX-512 registers for float32 on the cpu (small_gemm.h), where
// OpenBLAS's AVX2 kernel ran the bench MLP's products at about 85 GFLOP/s; ATen's mm / addmm everywhere else.
#pragma once

#include <ATen/core/Tensor.h>

namespace mimo {

/**
 * a·b + bias for a [m, k] and b [k, n], either of them a transposed view; bias (undefined for none) broadcasts to
 * [m, n] as in addmm. → a new contiguous [m, n] tensor.
 */
at::Tensor linear(const at::Tensor& a, const at::Tensor& b, const at::Tensor& bias);

/**
 * out = a·b + beta·out for 2-D tensors, `out` of a·b's shape. Float on the cpu, with out's rows and a's rows or
 * columns contiguous and a multiple of 16 columns, it runs in AVX-512 registers where it can (small_gemm.h; a b
 * whose rows are not contiguous is copied first); otherwise as ATen's addmm.
 */
void matmulInto(at::Tensor& out, const at::Tensor& a, const at::Tensor& b, float beta);

/** The same written into `out`, an [m, n] tensor (or view) whose rows are contiguous. */
void linearInto(at::Tensor& out, const at::Tensor& a, const at::Tensor& b, const at::Tensor& bias);

}  // namespace mimo
