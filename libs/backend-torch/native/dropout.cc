#include "dropout.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <cstdint>
#include <sstream>
#include <stdexcept>

namespace mimo {
namespace {

// A 32-bit integer hash (xor-shift-multiply, Wellons' constants): both multipliers are below 2³¹, so the ATen
// form multiplies a 32-bit value in int64 without overflow and masks back to 32 bits.
constexpr uint32_t kMultiplier1 = 0x21f0aaad, kMultiplier2 = 0x735a2d97;
constexpr int64_t kLow32 = 0xffffffffLL;
// Element i draws mix(mix(i) ^ mix(seed)): hashing i before the seed goes in keeps two seeds' masks from being
// shifted copies of each other. It is kept when the top 24 bits of its draw fall below keep · 2²⁴.
constexpr int kDropBits = 8;

uint32_t mix(uint32_t x) {
  x ^= x >> 16;
  x *= kMultiplier1;
  x ^= x >> 15;
  x *= kMultiplier2;
  x ^= x >> 15;
  return x;
}

at::Tensor mixTensor(at::Tensor x) {
  x = at::bitwise_xor(x, x.__rshift__(16));
  x = x.mul(static_cast<int64_t>(kMultiplier1)).bitwise_and(kLow32);
  x = at::bitwise_xor(x, x.__rshift__(15));
  x = x.mul(static_cast<int64_t>(kMultiplier2)).bitwise_and(kLow32);
  return at::bitwise_xor(x, x.__rshift__(15));
}

at::Tensor loopMask(uint32_t key, at::IntArrayRef shape, uint32_t threshold, float scale) {
  at::Tensor mask = at::empty(shape, at::kFloat);
  float* out = mask.data_ptr<float>();
  at::parallel_for(0, mask.numel(), 1 << 15, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = (mix(mix(static_cast<uint32_t>(i)) ^ key) >> kDropBits) < threshold ? scale : 0.0f;
  });
  return mask;
}

at::Tensor opsMask(const at::Tensor& seed, at::IntArrayRef shape, uint32_t threshold, float scale, at::Device device) {
  const at::TensorOptions longs = at::TensorOptions().dtype(at::kLong).device(device);
  const at::Tensor key = mixTensor(seed.to(longs).bitwise_and(kLow32));
  const at::Tensor index = at::arange(c10::multiply_integers(shape), longs);
  const at::Tensor kept = mixTensor(at::bitwise_xor(mixTensor(index.bitwise_and(kLow32)), key)).__rshift__(kDropBits).lt(static_cast<int64_t>(threshold));
  return kept.to(at::kFloat).mul_(static_cast<double>(scale)).reshape(shape);
}

}  // namespace

void checkDropoutRate(double rate) {
  // rate 1 would scale by 1/0; the loop and the ATen form would disagree on 0 · ∞.
  if (rate >= 0 && rate < 1) return;
  std::ostringstream message;
  message << "torch backend: a dropout rate must be at least 0 and below 1. Received: " << rate;
  throw std::invalid_argument(message.str());
}

at::Tensor dropoutMask(const at::Tensor& seed, at::IntArrayRef shape, double rate, at::Device device, bool atenOps) {
  const double keep = 1 - rate;
  const uint32_t threshold = static_cast<uint32_t>(keep * (1u << (32 - kDropBits)));
  const float scale = 1.0f / static_cast<float>(keep);
  if (device.is_cpu() && !atenOps) return loopMask(mix(static_cast<uint32_t>(seed.item<int64_t>())), shape, threshold, scale);
  return opsMask(seed, shape, threshold, scale, device);
}

}  // namespace mimo
