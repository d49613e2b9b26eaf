// The recurrent cells' gate activation and its slope, for the cpu step loops: tfjs-layers' hardSigmoid
// (Hard = true) or the sigmoid.
#pragma once

#include "fast_math.h"

namespace mimo::cpu {

template <bool Hard>
MIMO_ALWAYS_INLINE float gate(float z) {
  if constexpr (Hard) return fastmath::clamp(z * 0.2f + 0.5f, 0.0f, 1.0f);  // clip(0.2·z + 0.5, 0, 1)
  else return fastmath::sigmoid(z);
}

// d gate / dz from the gate's value: hardSigmoid 0.2 where it is not clipped.
template <bool Hard>
MIMO_ALWAYS_INLINE float gateSlope(float y) {
  if constexpr (Hard) return (y > 0.0f) & (y < 1.0f) ? 0.2f : 0.0f;
  else return y * (1.0f - y);
}

}  // namespace mimo::cpu
