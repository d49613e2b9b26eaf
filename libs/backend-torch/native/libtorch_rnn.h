// An LSTM, or a reset-after GRU, with sigmoid gates through libtorch's own at::lstm / at::gru, differentiated by
// libtorch's autograd. On cuda these run cuDNN's fused sequence kernels, many times faster there than a step-by-step
// loop of ATen ops. cuDNN has no hard-sigmoid gate and resets a GRU after its recurrent product only, and takes a mask
// only as each row's length (PyTorch's packed sequences): a mask with every row's steps first (text padded 'post')
// goes this way; every other recurrent layer keeps Mimo's own passes (recurrent.cc, gru.cc, gru_reset_after.cc).
#pragma once

#include <optional>

#include "recurrent.h"

namespace mimo {

/** The cells this path runs: tfjs-layers' LSTM, Keras's reset-after GRU (cuDNN's and PyTorch's GRU). */
enum class LibtorchCell { Lstm, ResetAfterGru };

/**
 * When `in` takes this path (sigmoid gates and rows, on cuda unless `atenOps` asks for Mimo's own passes, or when asked
 * with `libtorchRnn`; a mask, if any, of ones then zeros in each row) → { states } shaped as Mimo's own passes shape
 * them ([batch, steps, 6·units] LSTM, 5·units GRU), whichever path a step takes (a replayed step may take the other
 * one), holding what callers read: h per step and the LSTM's c at the last step (the rest zeros: cuDNN keeps no
 * per-step c or gates). Masked steps carry the last state, as Mimo's passes do. The autograd graph stays with `states`
 * until it is freed. Otherwise nullopt.
 */
std::optional<std::vector<at::Tensor>> tryLibtorchRnnForward(const RecurrentInputs& in, LibtorchCell cell);

/** How many forwards' graphs are kept for a backward pass (their states still alive). */
size_t libtorchRnnGraphsKept();

/** Whether `states` came from tryLibtorchRnnForward (and are still alive): the backward pass then takes this path. */
bool libtorchRnnRecorded(const at::Tensor& states);

/**
 * The gradients of lstmBackward / gruResetAfterBackward through the graph the forward left for `states`, from dStates'
 * h part (every step, or the last) and the LSTM's last step's c part; c's gradient before the last step is not read.
 */
std::vector<at::Tensor> libtorchRnnBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates);

}  // namespace mimo
