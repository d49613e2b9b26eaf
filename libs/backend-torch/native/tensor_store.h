// The process-wide store of at::Tensor handles that JavaScript holds: every entry point of the addon
// (addon.cc, distributed_binding.cc) turns results into handles here and handles back into tensors.
// Touched on the JavaScript thread only.
#pragma once

#include <napi.h>

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace mimo {

/**
 * Stores `t` (any dtype: kernels may keep int64 intermediates) and returns its handle as a bare number, its
 * dtype and shape appended to the shared tensor records (`tensorRecords`); { id, shape, dtype } when they are
 * full. Building that object through N-API was half of a small kernel's native call; the JavaScript side
 * (src/native/tensor-records.ts) builds it from the records in a fraction of that.
 */
Napi::Value describe(Napi::Env env, const at::Tensor& t);

/** Stores `t` and returns { id, shape, dtype } (results handed out later, as the collectives' promises do). */
Napi::Object describeObject(Napi::Env env, const at::Tensor& t);

/**
 * The shared tensor records, made on the first call: a Float64Array whose element 0 is the index past the last
 * record (JavaScript sets it to 1 before each call), then per tensor handed out: id, dtype code (0 float32,
 * 1 int32, 2 bool, 3 int64, 4 float64, 5 other), rank, and the sizes.
 */
Napi::Float64Array tensorRecords(Napi::Env env);

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
