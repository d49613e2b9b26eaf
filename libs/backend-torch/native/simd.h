// Macros for the cpu loops that must vectorise (compiled with -fopenmp-simd, -fno-trapping-math and -fno-math-errno,
// see binding.gyp): helpers forced inline into the loop, and on x86-64 Linux an AVX2 clone of each loop
// function picked at load time (ifunc). No FMA contraction in ISO C++ mode, so both clones give the same bits.
#pragma once

#define MIMO_ALWAYS_INLINE inline __attribute__((always_inline))

#if defined(__x86_64__) && defined(__linux__) && (defined(__GNUC__) || defined(__clang__))
#define MIMO_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define MIMO_SIMD_CLONES
#endif
