// One GRU time step's pointwise work over float32 CPU memory (as lstm_steps_cpu.h for the LSTM), in two loops
// each way around the step's two recurrent GEMMs, which stay in ATen (recurrent.cc). Layouts are recurrent.h's:
// a states row is h, z, r, tanh candidate (4·units); pre-activations are z, r, h (3·units); reset before the
// recurrent product: candidate = tanh(x_h + (r·h)·R_h).
#pragma once

#include <cstdint>

#include "lstm_steps_cpu.h"  // Rows

namespace mimo::cpu {

struct GruForwardStep {
  Rows preActivations;  // [batch, 3·units]: z and r hold x·kernel + bias + h·R_zr; h holds x_h + (r·h)·R_h (second loop);
                        // may be the gate columns of `states`, which the loops overwrite with the gates
  Rows h;               // the state the step starts from
  const float* mask;    // [batch] 0/1, or null: a 0 carries h over unchanged
  float* states;        // [batch, 4·units], contiguous: written
  float* resetH;        // [batch, units], contiguous: r·h, written by the first loop for the second GEMM
  int64_t batch, units;
  bool hardSigmoid;
};

/** Gates z, r into the states row and r·h into `resetH`. */
void gruGateStep(const GruForwardStep& step);
/** The candidate and the new h (or the carried one) into the states row. */
void gruOutputStep(const GruForwardStep& step);

struct GruBackwardStep {
  Rows states;              // this step's states row (h, z, r, candidate)
  Rows previousH;           // the h it started from
  const float* mask;        // [batch] 0/1, or null
  Rows previousDh;          // the sequence's gradient for the step before (data null at the first step)
  float* dh;                // [batch, units] in: the gradient reaching this step's h; out: the part carried to the
                            // previous h before the z / r recurrent product
  float* dPreActivations;   // [batch, 3·units], contiguous: z and candidate by the first loop, r by the second
  const float* dResetH;     // [batch, units]: d(r·h) = d(candidate pre-activation)·R_hᵀ, for the second loop
  int64_t batch, units;
  bool hardSigmoid;
};

/** d(z) and d(candidate) pre-activations from the gradient reaching h. */
void gruGateGradientStep(const GruBackwardStep& step);
/** d(r) pre-activation, and the carried gradient of the previous h (all but the z / r recurrent product). */
void gruCarryStep(const GruBackwardStep& step);

}  // namespace mimo::cpu
