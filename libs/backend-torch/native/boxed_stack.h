// The tensors inside a boxed ATen call's argument or result stack (tensors, tensor lists, lists of optional
// tensors, tuples), and a stack with its tensors taken out and put back: how a recorded call (step_recording.h)
// replays on new tensors.
#pragma once

#include <ATen/core/stack.h>

#include <string>
#include <vector>

namespace mimo::boxed {

/** Every tensor of `stack`, in order (undefined tensors and None skipped). */
std::vector<at::Tensor> tensorsOf(const torch::jit::Stack& stack);

/** `stack` with each of its tensors replaced by an undefined one (what `fill` fills). */
torch::jit::Stack hollow(const torch::jit::Stack& stack);

/** A copy of the hollowed `templ` with `tensors` (in `tensorsOf`'s order) put back. */
torch::jit::Stack fill(const torch::jit::Stack& templ, const std::vector<at::Tensor>& tensors);

/** The non-tensor arguments of `stack`, exactly (doubles by their bits), for comparing two calls. */
std::string signatureOf(const torch::jit::Stack& stack);

}  // namespace mimo::boxed
