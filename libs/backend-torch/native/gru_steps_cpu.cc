// As lstm_steps_cpu.cc: `omp simd` inner loops over units with the fast_math functions (simd.h).
#include "gru_steps_cpu.h"

#include <cstring>

#include "fast_math.h"
#include "gate_math.h"
#include "simd.h"

namespace mimo::cpu {

namespace {

template <bool Hard>
MIMO_ALWAYS_INLINE void gateRows(const GruForwardStep& s) {
  const int64_t u = s.units;
  for (int64_t b = 0; b < s.batch; ++b) {
    const float* zr = s.preActivations.data + b * s.preActivations.stride;
    const float* hPrev = s.h.data + b * s.h.stride;
    float* out = s.states + b * 4 * u;
    float* resetH = s.resetH + b * u;
#pragma omp simd
    for (int64_t j = 0; j < u; ++j) {
      const float z = gate<Hard>(zr[j]), r = gate<Hard>(zr[u + j]);
      out[u + j] = z;
      out[2 * u + j] = r;
      resetH[j] = r * hPrev[j];
    }
  }
}

// Row b's pointers for the backward loops. m = 1: the step ran; m = 0 (masked): h was carried, so its
// gradient passes straight through (as in the LSTM's backward).
struct BackwardRow {
  const float *z, *r, *candidate, *hPrev;
  float *dh, *dPre;
  float m;
};

MIMO_ALWAYS_INLINE BackwardRow backwardRow(const GruBackwardStep& s, int64_t b) {
  const int64_t u = s.units;
  const float* row = s.states.data + b * s.states.stride;
  return {row + u, row + 2 * u, row + 3 * u, s.previousH.data + b * s.previousH.stride, s.dh + b * u, s.dPreActivations + b * 3 * u,
          s.mask != nullptr ? s.mask[b] : 1.0f};
}

template <bool Hard>
MIMO_ALWAYS_INLINE void gateGradientRows(const GruBackwardStep& s) {
  const int64_t u = s.units;
  for (int64_t b = 0; b < s.batch; ++b) {
    const BackwardRow w = backwardRow(s, b);
#pragma omp simd
    for (int64_t j = 0; j < u; ++j) {
      const float dhNew = w.m * w.dh[j];
      w.dPre[j] = dhNew * ((w.hPrev[j] - w.candidate[j]) * gateSlope<Hard>(w.z[j]));
      w.dPre[2 * u + j] = dhNew * ((1.0f - w.z[j]) * (1.0f - w.candidate[j] * w.candidate[j]));
    }
  }
}

template <bool Hard, bool HasPrevious>
MIMO_ALWAYS_INLINE void carryRows(const GruBackwardStep& s) {
  const int64_t u = s.units;
  for (int64_t b = 0; b < s.batch; ++b) {
    const BackwardRow w = backwardRow(s, b);
    const float* previousDh = HasPrevious ? s.previousDh.data + b * s.previousDh.stride : nullptr;
    const float* dResetH = s.dResetH + b * u;
#pragma omp simd
    for (int64_t j = 0; j < u; ++j) {
      w.dPre[u + j] = dResetH[j] * (w.hPrev[j] * gateSlope<Hard>(w.r[j]));
      const float carried = w.m * w.dh[j] * w.z[j] + dResetH[j] * w.r[j] + (1.0f - w.m) * w.dh[j];
      w.dh[j] = HasPrevious ? carried + previousDh[j] : carried;
    }
  }
}

template <bool Hard>
MIMO_ALWAYS_INLINE void resetAfterForwardRows(const GruResetAfterForwardStep& s) {
  const int64_t u = s.units;
  const float* rb = s.recurrentBias;
  for (int64_t b = 0; b < s.batch; ++b) {
    const float* rec = s.recurrent.data + b * s.recurrent.stride;
    const float* hPrev = s.h.data + b * s.h.stride;
    float* out = s.states + b * 5 * u;
#pragma omp simd
    for (int64_t j = 0; j < u; ++j) {
      const float z = gate<Hard>(out[2 * u + j] + (rec[j] + rb[j])), r = gate<Hard>(out[3 * u + j] + (rec[u + j] + rb[u + j]));
      const float recurrentH = rec[2 * u + j] + rb[2 * u + j];
      const float candidate = fastmath::tanh(out[4 * u + j] + r * recurrentH);
      out[u + j] = recurrentH;
      out[2 * u + j] = z;
      out[3 * u + j] = r;
      out[4 * u + j] = candidate;
      out[j] = z * hPrev[j] + (1.0f - z) * candidate;
    }
    if (s.mask != nullptr && s.mask[b] == 0.0f) std::memcpy(out, hPrev, u * sizeof(float));  // carried (gates kept)
  }
}

template <bool Hard, bool HasPrevious>
MIMO_ALWAYS_INLINE void resetAfterBackwardRows(const GruResetAfterBackwardStep& s) {
  const int64_t u = s.units;
  for (int64_t b = 0; b < s.batch; ++b) {
    const float* row = s.states.data + b * s.states.stride;
    const float *recurrentH = row + u, *z = row + 2 * u, *r = row + 3 * u, *candidate = row + 4 * u;
    const float* hPrev = s.previousH.data + b * s.previousH.stride;
    const float* previousDh = HasPrevious ? s.previousDh.data + b * s.previousDh.stride : nullptr;
    float *dh = s.dh + b * u, *dPre = s.dPreActivations + b * 3 * u, *dRec = s.dRecurrent + b * 3 * u;
    const float m = s.mask != nullptr ? s.mask[b] : 1.0f;  // 0: h was carried, its gradient passes straight through
#pragma omp simd
    for (int64_t j = 0; j < u; ++j) {
      const float dhNew = m * dh[j];
      const float dz = dhNew * ((hPrev[j] - candidate[j]) * gateSlope<Hard>(z[j]));
      const float dCandidate = dhNew * ((1.0f - z[j]) * (1.0f - candidate[j] * candidate[j]));
      const float dr = dCandidate * (recurrentH[j] * gateSlope<Hard>(r[j]));
      dPre[j] = dz;
      dPre[u + j] = dr;
      dPre[2 * u + j] = dCandidate;
      dRec[j] = dz;
      dRec[u + j] = dr;
      dRec[2 * u + j] = dCandidate * r[j];
      const float carried = dhNew * z[j] + (1.0f - m) * dh[j];
      dh[j] = HasPrevious ? carried + previousDh[j] : carried;
    }
  }
}

}  // namespace

MIMO_SIMD_CLONES void gruResetAfterForwardStep(const GruResetAfterForwardStep& step) {
  if (step.hardSigmoid) resetAfterForwardRows<true>(step);
  else resetAfterForwardRows<false>(step);
}

MIMO_SIMD_CLONES void gruResetAfterBackwardStep(const GruResetAfterBackwardStep& step) {
  const bool previous = step.previousDh.data != nullptr;
  if (step.hardSigmoid) previous ? resetAfterBackwardRows<true, true>(step) : resetAfterBackwardRows<true, false>(step);
  else previous ? resetAfterBackwardRows<false, true>(step) : resetAfterBackwardRows<false, false>(step);
}

MIMO_SIMD_CLONES void gruGateStep(const GruForwardStep& step) {
  if (step.hardSigmoid) gateRows<true>(step);
  else gateRows<false>(step);
}

MIMO_SIMD_CLONES void gruOutputStep(const GruForwardStep& s) {
  const int64_t u = s.units;
  for (int64_t b = 0; b < s.batch; ++b) {
    const float* x = s.preActivations.data + b * s.preActivations.stride + 2 * u;  // x_h + (r·h)·R_h
    const float* hPrev = s.h.data + b * s.h.stride;
    float* out = s.states + b * 4 * u;
#pragma omp simd
    for (int64_t j = 0; j < u; ++j) {
      const float candidate = fastmath::tanh(x[j]), z = out[u + j];
      out[3 * u + j] = candidate;
      out[j] = z * hPrev[j] + (1.0f - z) * candidate;
    }
    if (s.mask != nullptr && s.mask[b] == 0.0f) std::memcpy(out, hPrev, u * sizeof(float));  // carried (gates kept)
  }
}

MIMO_SIMD_CLONES void gruGateGradientStep(const GruBackwardStep& step) {
  if (step.hardSigmoid) gateGradientRows<true>(step);
  else gateGradientRows<false>(step);
}

MIMO_SIMD_CLONES void gruCarryStep(const GruBackwardStep& step) {
  const bool previous = step.previousDh.data != nullptr;
  if (step.hardSigmoid) previous ? carryRows<true, true>(step) : carryRows<true, false>(step);
  else previous ? carryRows<false, true>(step) : carryRows<false, false>(step);
}

}  // namespace mimo::cpu
