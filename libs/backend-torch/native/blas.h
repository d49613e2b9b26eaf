// The BLAS that libtorch's matrix products run on, and its threads. OpenBLAS's pthread build keeps its own
// worker pool beside libtorch's OpenMP threads; both busy-wait between calls, so on a few cores they take
// turns (training steps 1.5–4× slower on 2 cores, PyTorch's alike). Its OpenMP build shares libtorch's pool.
#pragma once

#include <cstdint>
#include <string>

namespace mimo {

/**
 * Gives a pthread OpenBLAS one thread (libtorch's own pool parallelises around it) unless
 * OPENBLAS_NUM_THREADS says otherwise; → what the process runs, e.g. "OpenBLAS 0.3.21 (OpenMP)".
 */
std::string settleBlasThreads();

/**
 * Row-major float C[m, n] = A[m, k]·B[k, n] + beta·C; rows lie lda, ldb, ldc floats apart. In AVX-512 registers where
 * it can (small_gemm.h), else straight to the BLAS's sgemm_ (no ATen dispatch: the recurrent loops make one small
 * product per step), else through ATen. Inside an OpenMP parallel region it runs on the calling thread alone
 * (OpenBLAS and MKL both do so there).
 */
void sgemmRowMajor(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

}  // namespace mimo
