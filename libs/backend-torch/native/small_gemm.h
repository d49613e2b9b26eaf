// The recurrent layers' per-step product, C[m, n] = A[m, k]·B[k, n] + beta·C with n a multiple of 16, in AVX-512
// registers: on these shapes (a batch block × 4·units, k = units) the BLAS spends much of a call packing its
// operands, and OpenBLAS 0.3.21 runs its AVX2 kernel on AVX-512 machines. Blocks of 4 rows × 64 columns stay in
// 16 registers across the whole k loop; B's rows are read where they lie.
#pragma once

#include <cstdint>

namespace mimo {

/** Whether `smallGemm` runs here (the CPU has AVX-512F); checked once. */
bool smallGemmAvailable();

/** Row-major C = A·B + beta·C, rows lda, ldb, ldc floats apart; `n` a multiple of 16 and `smallGemmAvailable()`. */
void smallGemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

}  // namespace mimo
