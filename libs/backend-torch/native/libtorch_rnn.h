// An LSTM with sigmoid gates through libtorch's own at::lstm, differentiated by libtorch's autograd. On cuda, at::lstm
// runs cuDNN's fused sequence kernels, many times faster there than a step-by-step loop of ATen ops. cuDNN has no
// hard-sigmoid gate, and takes a mask only as each row's length (PyTorch's packed sequences): a mask with every
// row's steps first (text padded 'post') goes this way; every other recurrent layer keeps recurrent.cc's own passes.
#pragma once

#include <optional>

#include "recurrent.h"

namespace mimo {

/**
 * When `in` takes this path (an LSTM with sigmoid gates and rows, on cuda unless `atenOps` asks for Mimo's own
 * passes, or when asked with `libtorchLstm`; a mask, if any, of ones then zeros in each row) → { states [batch,
 * steps, 6·units] } as recurrent.cc's passes shape them, whichever path a step takes (a replayed step may take the
 * other one), holding what callers read: h per step and c at the last step (the rest zeros: cuDNN keeps no per-step
 * c or gates). Masked steps carry the last state, as recurrent.cc's passes do. The autograd graph stays with
 * `states` until it is freed. Otherwise nullopt.
 */
std::optional<std::vector<at::Tensor>> tryLibtorchLstmForward(const RecurrentInputs& in);

/** How many forwards' graphs are kept for a backward pass (their states still alive). */
size_t libtorchLstmGraphsKept();

/** Whether `states` came from tryLibtorchLstmForward (and are still alive): the backward pass then takes this path. */
bool libtorchLstmRecorded(const at::Tensor& states);

/**
 * The gradients of lstmBackward through the graph the forward left for `states`, from dStates' h part (every step,
 * or the last) and the last step's c part; c's gradient before the last step is not read.
 */
std::vector<at::Tensor> libtorchLstmBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates);

}  // namespace mimo
