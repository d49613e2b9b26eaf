// A dropout mask from a seed (@mimo/kernels' MimoDropoutMask): a generator of its own per call, seeded by the
// seed tensor's value, so that the same seed gives the same mask and a replayed step (step_recording.h) draws
// from whatever seed it reads.
#pragma once

#include <ATen/core/Tensor.h>

namespace mimo {

/** float32 `shape` on `device`: 1/(1−rate) where kept (probability 1−rate), else 0; `seed` an integer scalar. */
at::Tensor dropoutMask(const at::Tensor& seed, at::IntArrayRef shape, double rate, at::Device device);

}  // namespace mimo
