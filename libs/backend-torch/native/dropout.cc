#include "dropout.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include "step_recording.h"

namespace mimo {

at::Tensor dropoutMask(const at::Tensor& seed, at::IntArrayRef shape, double rate, at::Device device) {
  if (!device.is_cpu()) recording::noteGraphObstacle("its dropout mask is drawn on the host, from a seed on " + device.str());
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(seed.item<int64_t>()));
  const double keep = 1 - rate;
  // Drawn on the cpu (the generator's device), then moved: the same mask wherever the step runs.
  at::Tensor mask = at::empty(shape, at::kFloat).bernoulli_(keep, generator).div_(keep);
  return device.is_cpu() ? mask : mask.to(device);
}

}  // namespace mimo
