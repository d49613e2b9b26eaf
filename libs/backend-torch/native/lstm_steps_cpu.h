// One LSTM time step's pointwise work over float32 CPU memory, in one branch-free loop: at small
// batch × units a dozen ATen calls per step cost more than the arithmetic they do. The recurrent GEMM stays
// in ATen (recurrent.cc); these take its result. Row layouts are recurrent.h's: a states row is h, c, i, f,
// tanh candidate, o (6·units); pre-activations are i, f, c, o (4·units).
#pragma once

#include <cstdint>

namespace mimo::cpu {

/** A [batch, units] block of floats whose rows lie `stride` floats apart; `data` null means "none". */
struct Rows {
  const float* data;
  int64_t stride;
};

struct LstmForwardStep {
  Rows preActivations;          // [batch, 4·units]: x·kernel + bias + h·recurrentKernel; may be the gate columns of
                                // `states`, which the step overwrites with the gates
  Rows h, c;                    // the state the step starts from
  const float* mask;            // [batch] 0/1, or null: a 0 carries h and c over unchanged
  float* states;                // [batch, 6·units], contiguous: written
  int64_t batch, units;
  bool hardSigmoid;             // the gate activation: tfjs-layers' hardSigmoid, else sigmoid
};

void lstmForwardStep(const LstmForwardStep& step);

struct LstmBackwardStep {
  Rows states;             // this step's states row (h, c, gates)
  Rows previousC;          // the c it started from
  const float* mask;       // [batch] 0/1, or null
  Rows previousDh, previousDc;  // the sequence's gradients for the step before (data null at the first step)
  float* dh;               // [batch, units] in: the gradient reaching this step's h; out: the part carried to the
                           // previous h before the recurrent product (masked carry + previousDh)
  float* dc;               // [batch, units] in: the gradient reaching this step's c; out: the previous c's
  float* dPreActivations;  // [batch, 4·units]: written
  int64_t batch, units;
  bool hardSigmoid;
};

void lstmBackwardStep(const LstmBackwardStep& step);

}  // namespace mimo::cpu
