// The inner loops run over units with `omp simd` and the fast_math functions, so they vectorise (simd.h).
#include "lstm_steps_cpu.h"

#include <cstring>

#include "fast_math.h"
#include "gate_math.h"
#include "simd.h"

namespace mimo::cpu {

namespace {

template <bool Hard>
MIMO_ALWAYS_INLINE void forwardRows(const LstmForwardStep& s) {
  const int64_t u = s.units;
  for (int64_t b = 0; b < s.batch; ++b) {
    const float* z = s.preActivations.data + b * s.preActivations.stride;
    const float* hPrev = s.h.data + b * s.h.stride;
    const float* cPrev = s.c.data + b * s.c.stride;
    float* out = s.states + b * 6 * u;
#pragma omp simd
    for (int64_t j = 0; j < u; ++j) {
      const float i = gate<Hard>(z[j]), f = gate<Hard>(z[u + j]), g = fastmath::tanh(z[2 * u + j]), o = gate<Hard>(z[3 * u + j]);
      const float c = f * cPrev[j] + i * g;
      out[j] = o * fastmath::tanh(c);
      out[u + j] = c;
      out[2 * u + j] = i;
      out[3 * u + j] = f;
      out[4 * u + j] = g;
      out[5 * u + j] = o;
    }
    if (s.mask != nullptr && s.mask[b] == 0.0f) {  // a masked step carries h and c over (its gates are kept)
      std::memcpy(out, hPrev, u * sizeof(float));
      std::memcpy(out + u, cPrev, u * sizeof(float));
    }
  }
}

template <bool Hard, bool HasPrevious>
MIMO_ALWAYS_INLINE void backwardRows(const LstmBackwardStep& s) {
  const int64_t u = s.units;
  for (int64_t b = 0; b < s.batch; ++b) {
    const float* row = s.states.data + b * s.states.stride;
    const float *c = row + u, *i = row + 2 * u, *f = row + 3 * u, *g = row + 4 * u, *o = row + 5 * u;
    const float* cPrev = s.previousC.data + b * s.previousC.stride;
    const float* previousDh = HasPrevious ? s.previousDh.data + b * s.previousDh.stride : nullptr;
    const float* previousDc = HasPrevious ? s.previousDc.data + b * s.previousDc.stride : nullptr;
    float* dh = s.dh + b * u;
    float* dc = s.dc + b * u;
    float* dz = s.dPreActivations + b * 4 * u;
    // m = 1: the step ran; m = 0 (masked): its h and c were carried, so their gradients pass straight through.
    const float m = s.mask != nullptr ? s.mask[b] : 1.0f;
#pragma omp simd
    for (int64_t j = 0; j < u; ++j) {
      const float dhNew = m * dh[j];
      const float tanhC = fastmath::tanh(c[j]);
      const float dcNew = m * dc[j] + dhNew * o[j] * (1.0f - tanhC * tanhC);
      dz[j] = dcNew * g[j] * gateSlope<Hard>(i[j]);
      dz[u + j] = dcNew * cPrev[j] * gateSlope<Hard>(f[j]);
      dz[2 * u + j] = dcNew * i[j] * (1.0f - g[j] * g[j]);
      dz[3 * u + j] = dhNew * tanhC * gateSlope<Hard>(o[j]);
      const float dcCarried = (1.0f - m) * dc[j] + dcNew * f[j];
      const float dhCarried = (1.0f - m) * dh[j];
      dc[j] = HasPrevious ? dcCarried + previousDc[j] : dcCarried;
      dh[j] = HasPrevious ? dhCarried + previousDh[j] : dhCarried;
    }
  }
}

}  // namespace

MIMO_SIMD_CLONES void lstmForwardStep(const LstmForwardStep& step) {
  if (step.hardSigmoid) forwardRows<true>(step);
  else forwardRows<false>(step);
}

MIMO_SIMD_CLONES void lstmBackwardStep(const LstmBackwardStep& step) {
  const bool previous = step.previousDh.data != nullptr;
  if (step.hardSigmoid) previous ? backwardRows<true, true>(step) : backwardRows<true, false>(step);
  else previous ? backwardRows<false, true>(step) : backwardRows<false, false>(step);
}

}  // namespace mimo::cpu
