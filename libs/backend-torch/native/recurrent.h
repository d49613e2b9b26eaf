// Whole-sequence LSTM / GRU forward and backward over ATen, with tfjs-layers' weight layout
// (kernel [features, gates·units], recurrentKernel [units, gates·units], bias [gates·units];
// LSTM gates i, f, c, o; GRU gates z, r, h with the reset gate applied before the recurrent
// product, or after it as Keras's reset_after with bias [2, gates·units]) and masking semantics (a masked step
// carries the previous state and output).
#pragma once

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace mimo {

/** The cell's recurrent (gate) activation; the candidate activation is always tanh. */
enum class GateActivation { HardSigmoid, Sigmoid };

GateActivation gateActivationNamed(const std::string& name);

struct RecurrentInputs {
  at::Tensor x;                // [batch, steps, features]
  at::Tensor mask;             // [batch, steps] float 0/1, or undefined
  at::Tensor kernel;           // [features, gates·units]
  at::Tensor recurrentKernel;  // [units, gates·units]
  at::Tensor bias;             // [gates·units], or undefined
  at::Tensor h0;               // [batch, units]
  at::Tensor c0;               // [batch, units] (LSTM only)
  GateActivation gate;
  bool atenOps;               // run each step as ATen ops even where the cpu's loop or libtorch's at::lstm / at::gru applies
  bool libtorchRnn;           // run an LSTM or reset-after GRU that fits libtorch_rnn.h through it on the cpu too, as cuda does
};

/**
 * → { states [batch, steps, 6·units] }: per step h, c, then the activated gates i, f, tanh candidate, o (kept
 * for the backward pass); one tensor, so a custom gradient can wrap it. An LSTM that libtorch_rnn.h takes fills
 * only h and the last step's c of the same shape, and the backward pass knows its states.
 */
std::vector<at::Tensor> lstmForward(const RecurrentInputs& in);

/** → { dx, dKernel, dRecurrentKernel, dBias (undefined without bias), dh0, dc0 } given the states and their gradient. */
std::vector<at::Tensor> lstmBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates);

/** → { states [batch, steps, 4·units] }: per step h, then the activated gates z, r and the tanh candidate. */
std::vector<at::Tensor> gruForward(const RecurrentInputs& in);

/** → { dx, dKernel, dRecurrentKernel, dBias (undefined without bias), dh0 } given the states and their gradient. */
std::vector<at::Tensor> gruBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates);

/**
 * Keras's reset-after GRU, bias [2, 3·units] (the input bias, then the recurrent bias) → { states [batch, steps,
 * 5·units] }: per step h, h·R_h + b'_h (the candidate's recurrent part, before the reset gate), then the activated
 * gates z, r and the tanh candidate.
 */
std::vector<at::Tensor> gruResetAfterForward(const RecurrentInputs& in);

/** → { dx, dKernel, dRecurrentKernel, dBias [2, 3·units] (undefined without bias), dh0 } given the states and their gradient. */
std::vector<at::Tensor> gruResetAfterBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates);

}  // namespace mimo
