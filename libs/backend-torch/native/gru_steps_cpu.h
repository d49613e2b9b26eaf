// One GRU time step's pointwise work over float32 CPU memory (as lstm_steps_cpu.h for the LSTM). Layouts are
// recurrent.h's. tfjs-layers' GRU (reset before the recurrent product: candidate = tanh(x_h + (r·h)·R_h)): a states
// row is h, z, r, tanh candidate (4·units), pre-activations z, r, h (3·units); two loops each way around the step's
// two recurrent GEMMs (gru.cc). Keras's reset-after GRU (candidate = tanh(x_h + r·(h·R_h + b'_h))): a states row is
// h, h·R_h + b'_h, z, r, candidate (5·units); one loop each way after or before the step's one GEMM
// (gru_reset_after.cc).
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

struct GruResetAfterForwardStep {
  Rows recurrent;               // [batch, 3·units]: h·R, without its bias
  const float* recurrentBias;   // [3·units]: b' (zeros for a GRU without bias)
  Rows h;                       // the state the step starts from
  const float* mask;            // [batch] 0/1, or null: a 0 carries h over unchanged
  float* states;                // [batch, 5·units], contiguous: its z, r, candidate columns hold x·kernel + b on entry
  int64_t batch, units;
  bool hardSigmoid;
};

/** The gates, the candidate, h·R_h + b'_h and the new h (or the carried one) into the states row. */
void gruResetAfterForwardStep(const GruResetAfterForwardStep& step);

struct GruResetAfterBackwardStep {
  Rows states;              // this step's states row (h, h·R_h + b'_h, z, r, candidate)
  Rows previousH;           // the h it started from
  const float* mask;        // [batch] 0/1, or null
  Rows previousDh;          // the sequence's gradient for the step before (data null at the first step)
  float* dh;                // [batch, units] in: the gradient reaching this step's h; out: the part carried to the
                            // previous h besides the recurrent product
  float* dPreActivations;   // [batch, 3·units], contiguous: d(x·kernel + b), written
  float* dRecurrent;        // [batch, 3·units], contiguous: d(h·R + b'), written (z and r columns as dPreActivations')
  int64_t batch, units;
  bool hardSigmoid;
};

void gruResetAfterBackwardStep(const GruResetAfterBackwardStep& step);

}  // namespace mimo::cpu
