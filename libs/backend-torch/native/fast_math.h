// Branch-free float32 exp, sigmoid and tanh that the compiler vectorises inside a loop (std::exp / std::tanh
// stay scalar calls). Cephes-style range reduction and minimax polynomials: relative error ≈ 1e-7 over the
// clamped range, so results agree with tfjs's float64-then-rounded kernels well within 1e-5.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include "simd.h"

namespace mimo::fastmath {

// min(max(x, lo), hi) as comparisons, which vectorise (std::fmin / std::fmax are calls unless -ffinite-math-only).
MIMO_ALWAYS_INLINE float clamp(float x, float lo, float hi) {
  x = x < lo ? lo : x;
  return x > hi ? hi : x;
}

// e^x for x clamped to [−87, 88], where e^x and its power-of-two scale stay normal floats.
MIMO_ALWAYS_INLINE float exp(float x) {
  x = clamp(x, -87.0f, 88.0f);
  // n = round(x / ln 2) by the 1.5·2²³ trick: adding it leaves n in the mantissa's low bits.
  const float shifter = 12582912.0f;
  const float shifted = x * 1.44269504088896341f + shifter;
  const float n = shifted - shifter;
  uint32_t bits;  // unsigned: a NaN's bits must not overflow a signed shift (its result is NaN anyway)
  std::memcpy(&bits, &shifted, sizeof bits);
  const uint32_t exponent = bits - 0x4B400000u;  // the integer n, two's complement
  // r = x − n·ln 2 in two parts (Cody–Waite), so r keeps its low bits.
  float r = x - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;
  const uint32_t scaleBits = (exponent + 127u) << 23;
  float scale;
  std::memcpy(&scale, &scaleBits, sizeof scale);
  return p * scale;
}

MIMO_ALWAYS_INLINE float sigmoid(float x) { return 1.0f / (1.0f + exp(-x)); }

// tanh: an odd polynomial near 0 (where 1 − 2 / (e^{2x} + 1) would cancel), the exp form elsewhere.
MIMO_ALWAYS_INLINE float tanh(float x) {
  const float z = x * x;
  float small = -5.70498872745e-3f;
  small = small * z + 2.06390887954e-2f;
  small = small * z - 5.37397155531e-2f;
  small = small * z + 1.33314422036e-1f;
  small = small * z - 3.33332819422e-1f;
  small = small * z * x + x;
  const float magnitude = std::fabs(x);
  const float large = std::copysign(1.0f - 2.0f / (exp(2.0f * magnitude) + 1.0f), x);
  return magnitude < 0.625f ? small : large;
}

}  // namespace mimo::fastmath
