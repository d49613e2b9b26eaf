#include "small_gemm.h"

#include <ATen/Parallel.h>
#include <immintrin.h>

#include <algorithm>

#include "thread_handoff.h"

namespace mimo {

namespace {

// Tiles of up to kRows rows × kQuads·16 columns: 24 accumulators and 4 rows of B in the 32 registers. Measured on
// AMD Zen 5 against 4 × 64 and 8 × 48 (docs/benchmarks.md): the best or within 5% on every recurrent shape.
constexpr int kRows = 6, kQuads = 4;
// k runs in chunks of kDepth, so a tile's slice of B (kDepth × 64 floats, 64 KB) stays in the L2 cache while every
// row block of that column block reads it; without chunks the weight gradients (k = steps·batch) ran 40% slower.
constexpr int64_t kDepth = 256;

// MB rows × NQ·16 columns of C, accumulated over k in registers. The loops over rows and columns are unrolled (GCC's
// -O2 does not) so that the accumulators stay in registers: rolled, they spill and the product ran 1.5× slower.
template <int MB, int NQ, ALayout Layout>
__attribute__((target("avx512f"))) void block(int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  __m512 acc[MB][NQ];
  const __m512 scale = _mm512_set1_ps(beta);
#pragma GCC unroll 8
  for (int r = 0; r < MB; ++r) {
#pragma GCC unroll 4
    for (int q = 0; q < NQ; ++q) acc[r][q] = beta == 0.0f ? _mm512_setzero_ps() : _mm512_mul_ps(scale, _mm512_loadu_ps(c + r * ldc + 16 * q));
  }
  for (int64_t p = 0; p < k; ++p) {
    __m512 row[NQ];
#pragma GCC unroll 4
    for (int q = 0; q < NQ; ++q) row[q] = _mm512_loadu_ps(b + p * ldb + 16 * q);
#pragma GCC unroll 8
    for (int r = 0; r < MB; ++r) {
      const __m512 x = _mm512_set1_ps(Layout == ALayout::Rows ? a[r * lda + p] : a[p * lda + r]);
#pragma GCC unroll 4
      for (int q = 0; q < NQ; ++q) acc[r][q] = _mm512_fmadd_ps(x, row[q], acc[r][q]);
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < MB; ++r) {
#pragma GCC unroll 4
    for (int q = 0; q < NQ; ++q) _mm512_storeu_ps(c + r * ldc + 16 * q, acc[r][q]);
  }
}

using Block = void (*)(int64_t, const float*, int64_t, const float*, int64_t, float, float*, int64_t);

template <int MB, ALayout Layout>
Block blockFor(int quads) {
  switch (quads) {
    case 1: return block<MB, 1, Layout>;
    case 2: return block<MB, 2, Layout>;
    case 3: return block<MB, 3, Layout>;
    default: return block<MB, 4, Layout>;
  }
}

template <ALayout Layout>
Block blockFor(int rows, int quads) {
  switch (rows) {
    case 1: return blockFor<1, Layout>(quads);
    case 2: return blockFor<2, Layout>(quads);
    case 3: return blockFor<3, Layout>(quads);
    case 4: return blockFor<4, Layout>(quads);
    case 5: return blockFor<5, Layout>(quads);
    default: return blockFor<6, Layout>(quads);
  }
}

template <ALayout Layout>
void gemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  const int64_t rowBlocks = (m + kRows - 1) / kRows, columnBlocks = (n + 16 * kQuads - 1) / (16 * kQuads);
  // Threads only for products of a million multiply-adds a thread or more (thread_handoff.h): a per-step product never splits.
  const int64_t grain = std::max<int64_t>(1, handoffGrain(int64_t{1} << 20) / (kRows * 16 * kQuads * std::max<int64_t>(k, 1)));
  // Tiles column block by column block, so a thread's consecutive tiles read the same slice of B.
  at::parallel_for(0, rowBlocks * columnBlocks, grain, [&](int64_t firstTile, int64_t endTile) {
    for (int64_t p0 = 0; p0 == 0 || p0 < k; p0 += kDepth) {  // k = 0 still scales C by beta
      const int64_t depth = std::min(kDepth, k - p0);
      const float* aChunk = Layout == ALayout::Rows ? a + p0 : a + p0 * lda;
      for (int64_t tile = firstTile; tile < endTile; ++tile) {
        const int64_t i = (tile % rowBlocks) * kRows, j = (tile / rowBlocks) * 16 * kQuads;
        const int rows = static_cast<int>(std::min<int64_t>(kRows, m - i)), quads = static_cast<int>(std::min<int64_t>(16 * kQuads, n - j) / 16);
        const float* aTile = Layout == ALayout::Rows ? aChunk + i * lda : aChunk + i;
        blockFor<Layout>(rows, quads)(depth, aTile, lda, b + p0 * ldb + j, ldb, p0 == 0 ? beta : 1.0f, c + i * ldc + j, ldc);
      }
    }
  });
}

// GCC 12's AVX-512 shuffles start from _mm512_undefined_ps(), which -Wuninitialized reports at every use.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"

// The low (or high) float pairs of a's and b's 128-bit lanes, interleaved.
__attribute__((target("avx512f"))) inline __m512 pairs(__m512 a, __m512 b, bool high) {
  const __m512d x = _mm512_castps_pd(a), y = _mm512_castps_pd(b);
  return _mm512_castpd_ps(high ? _mm512_unpackhi_pd(x, y) : _mm512_unpacklo_pd(x, y));
}

// One 16 × 16 block of transposeInto: rows of src are interleaved in pairs of floats, of doubles, then of 128- and
// 256-bit lanes, which leaves column j of the block in register j.
__attribute__((target("avx512f"))) void transposeBlock(const float* src, int64_t lds, float* dst, int64_t ldd) {
  __m512 r[16], t[16];
  for (int i = 0; i < 16; ++i) r[i] = _mm512_loadu_ps(src + i * lds);
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {
    r[i] = pairs(t[i], t[i + 2], false);
    r[i + 1] = pairs(t[i], t[i + 2], true);
    r[i + 2] = pairs(t[i + 1], t[i + 3], false);
    r[i + 3] = pairs(t[i + 1], t[i + 3], true);
  }
  for (int i = 0; i < 4; ++i) {
    t[i] = _mm512_shuffle_f32x4(r[i], r[i + 4], 0x88);
    t[i + 4] = _mm512_shuffle_f32x4(r[i], r[i + 4], 0xdd);
    t[i + 8] = _mm512_shuffle_f32x4(r[i + 8], r[i + 12], 0x88);
    t[i + 12] = _mm512_shuffle_f32x4(r[i + 8], r[i + 12], 0xdd);
  }
  for (int i = 0; i < 4; ++i) {
    _mm512_storeu_ps(dst + i * ldd, _mm512_shuffle_f32x4(t[i], t[i + 8], 0x88));
    _mm512_storeu_ps(dst + (i + 8) * ldd, _mm512_shuffle_f32x4(t[i], t[i + 8], 0xdd));
    _mm512_storeu_ps(dst + (i + 4) * ldd, _mm512_shuffle_f32x4(t[i + 4], t[i + 12], 0x88));
    _mm512_storeu_ps(dst + (i + 12) * ldd, _mm512_shuffle_f32x4(t[i + 4], t[i + 12], 0xdd));
  }
}

#pragma GCC diagnostic pop

}  // namespace

void transposeInto(int64_t rows, int64_t cols, const float* src, int64_t lds, float* dst, int64_t ldd) {
  const int64_t fullRows = rows / 16 * 16, fullCols = cols / 16 * 16;
  for (int64_t i = 0; i < fullRows; i += 16) {
    for (int64_t j = 0; j < fullCols; j += 16) transposeBlock(src + i * lds + j, lds, dst + j * ldd + i, ldd);
  }
  // The edges (rows or columns past the last whole block) one float at a time.
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t j = i < fullRows ? fullCols : 0; j < cols; ++j) dst[j * ldd + i] = src[i * lds + j];
  }
}

bool smallGemmAvailable() {
  static const bool available = __builtin_cpu_supports("avx512f");
  return available;
}

void smallGemm(ALayout layout, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  if (layout == ALayout::Rows) gemm<ALayout::Rows>(m, n, k, a, lda, b, ldb, beta, c, ldc);
  else gemm<ALayout::Transposed>(m, n, k, a, lda, b, ldb, beta, c, ldc);
}

}  // namespace mimo
