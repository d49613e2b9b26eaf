#include "small_gemm.h"

#include <immintrin.h>

#include <algorithm>

namespace mimo {

namespace {

// MB rows × NQ·16 columns of C, accumulated over the whole of k in registers. The loops over rows and columns are
// unrolled (GCC's -O2 does not) so that the accumulators stay in registers: rolled, they spill and the product
// ran 1.5× slower than OpenBLAS's.
template <int MB, int NQ>
__attribute__((target("avx512f"))) void block(int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  __m512 acc[MB][NQ];
  const __m512 scale = _mm512_set1_ps(beta);
#pragma GCC unroll 4
  for (int r = 0; r < MB; ++r) {
#pragma GCC unroll 4
    for (int q = 0; q < NQ; ++q) acc[r][q] = beta == 0.0f ? _mm512_setzero_ps() : _mm512_mul_ps(scale, _mm512_loadu_ps(c + r * ldc + 16 * q));
  }
  for (int64_t p = 0; p < k; ++p) {
    __m512 row[NQ];
#pragma GCC unroll 4
    for (int q = 0; q < NQ; ++q) row[q] = _mm512_loadu_ps(b + p * ldb + 16 * q);
#pragma GCC unroll 4
    for (int r = 0; r < MB; ++r) {
      const __m512 x = _mm512_set1_ps(a[r * lda + p]);
#pragma GCC unroll 4
      for (int q = 0; q < NQ; ++q) acc[r][q] = _mm512_fmadd_ps(x, row[q], acc[r][q]);
    }
  }
#pragma GCC unroll 4
  for (int r = 0; r < MB; ++r) {
#pragma GCC unroll 4
    for (int q = 0; q < NQ; ++q) _mm512_storeu_ps(c + r * ldc + 16 * q, acc[r][q]);
  }
}

using Block = void (*)(int64_t, const float*, int64_t, const float*, int64_t, float, float*, int64_t);

template <int MB>
Block blockFor(int nq) {
  switch (nq) {
    case 1: return block<MB, 1>;
    case 2: return block<MB, 2>;
    case 3: return block<MB, 3>;
    default: return block<MB, 4>;
  }
}

Block blockFor(int mb, int nq) {
  switch (mb) {
    case 1: return blockFor<1>(nq);
    case 2: return blockFor<2>(nq);
    case 3: return blockFor<3>(nq);
    default: return blockFor<4>(nq);
  }
}

}  // namespace

bool smallGemmAvailable() {
  static const bool available = __builtin_cpu_supports("avx512f");
  return available;
}

void smallGemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  for (int64_t j = 0; j < n; j += 64) {
    const int nq = static_cast<int>(std::min<int64_t>(64, n - j) / 16);
    for (int64_t i = 0; i < m; i += 4) {
      const int mb = static_cast<int>(std::min<int64_t>(4, m - i));
      blockFor(mb, nq)(k, a + i * lda, lda, b + j, ldb, beta, c + i * ldc + j, ldc);
    }
  }
}

}  // namespace mimo
