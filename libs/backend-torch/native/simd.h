// Macros for the cpu loops that must vectorise (compiled with -fopenmp-simd, -fno-trapping-math, -fno-math-errno
// and -ffp-contract=off, see binding.gyp): helpers forced inline into the loop, and on x86-64 glibc AVX-512 and
// AVX2 clones of each loop function, one picked at load time (an ifunc, which musl lacks). No FMA contraction, so
// every clone and build gives the same bits. The AVX-512 clone made the LSTM bench step 15% faster on Zen 5.
#pragma once

#include <cstddef>  // defines __GLIBC__ on glibc

#define MIMO_ALWAYS_INLINE inline __attribute__((always_inline))

#if defined(__x86_64__) && defined(__GLIBC__) && (defined(__GNUC__) || defined(__clang__))
#define MIMO_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MIMO_SIMD_CLONES
#endif
