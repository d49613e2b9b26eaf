// A dropout mask from a seed (@mimo/kernels' MimoDropoutMask). Each element's draw is a counter-based hash of
// the seed and the element's index, so that the same seed gives the same mask on every device, and on a device
// the mask is made from the seed tensor by kernels alone (no host read): a replayed step with dropout can be
// captured as a CUDA graph (step_graph.h) and still draws from whatever seed it reads.
#pragma once

#include <ATen/core/Tensor.h>

namespace mimo {

/** Throws, naming `rate`, unless 0 ≤ rate < 1: before a mask's call is queued (kernel_thread.h), so the caller sees it. */
void checkDropoutRate(double rate);

/**
 * float32 `shape` on `device`: 1/(1−rate) where kept (probability 1−rate, checked by `checkDropoutRate`), else 0;
 * `seed` an integer scalar.
 * `atenOps` (for checks): ATen ops, as off the cpu, rather than the cpu's loop; the same mask either way.
 */
at::Tensor dropoutMask(const at::Tensor& seed, at::IntArrayRef shape, double rate, at::Device device, bool atenOps);

}  // namespace mimo
