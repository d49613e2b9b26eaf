// The process-wide store of at::Tensor handles that JavaScript holds: every entry point of the addon
// (addon.cc, distributed_binding.cc) turns results into handles here and handles back into tensors.
// Touched on the JavaScript thread only.
#pragma once

#include <napi.h>

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace mimo {

/** Stores `t` (any dtype: kernels may keep int64 intermediates) and returns { id, shape, dtype }. */
Napi::Object describe(Napi::Env env, const at::Tensor& t);

/** The tensor behind a handle; throws on an unknown one. */
const at::Tensor& lookup(const Napi::Value& handle);

/** Drops a handle; true when it was live. */
bool release(uint32_t id);

struct StoreStats {
  size_t count;
  double bytes;
};

/** Live handles and their element bytes. */
StoreStats storeStats();

}  // namespace mimo
