// Float products C[m, n] = A·B + beta·C with n a multiple of 16, in AVX-512 registers: the recurrent layers' per-step
// products (a batch block × 4·units, k = units), where a BLAS spends much of a call packing its operands, and their
// whole-sequence weight gradients (k = steps·batch, A transposed). OpenBLAS 0.3.21 runs its AVX2 kernel on AVX-512
// machines: these run 1.5–2.5× faster than it on every shape the recurrent layers make (docs/benchmarks.md).
#pragma once

#include <cstdint>

namespace mimo {

/** Whether `smallGemm` runs here (the CPU has AVX-512F); checked once. */
bool smallGemmAvailable();

/** A's layout: A[i, p] = a[i·lda + p] (rows), or a[p·lda + i] (Aᵀ's rows, as in hᵀ·dz). */
enum class ALayout { Rows, Transposed };

/**
 * Row-major C = A·B + beta·C, rows ldb, ldc floats apart; `n` a multiple of 16 and `smallGemmAvailable()`. Tiles
 * of C are shared among libtorch's threads (one thread inside a parallel region); each element's sum runs in
 * the same order on any number of threads, so the bits do not depend on them.
 */
void smallGemm(ALayout layout, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

/**
 * dst[j·ldd + i] = src[i·lds + j] for i < rows, j < cols: B's rows for `smallGemm` from a transposed B (a layer's
 * kernelᵀ), 16 × 16 blocks at a time in AVX-512 registers; `smallGemmAvailable()`. ATen's strided copy of a 256 ×
 * 256 kernelᵀ took 24 µs, this 9 µs.
 */
void transposeInto(int64_t rows, int64_t cols, const float* src, int64_t lds, float* dst, int64_t ldd);

}  // namespace mimo
