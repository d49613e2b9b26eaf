#include "tensor_store.h"

#include "step_recording.h"

#include <stdexcept>
#include <unordered_map>

namespace mimo {
namespace {

std::unordered_map<uint32_t, at::Tensor> tensors;
uint32_t nextId = 1;

// The records' buffer, kept alive for the process (64 KiB: a few thousand tensors per call before the fallback).
constexpr size_t kRecordCapacity = 8192;
Napi::Reference<Napi::Float64Array> recordsArray;
double* records = nullptr;

constexpr const char* kDtypeNames[] = {"float32", "int32", "bool", "int64", "float64", "other"};

int dtypeCode(at::ScalarType type) {
  switch (type) {
    case at::kFloat: return 0;
    case at::kInt: return 1;
    case at::kBool: return 2;
    case at::kLong: return 3;
    case at::kDouble: return 4;
    default: return 5;
  }
}

uint32_t store(const at::Tensor& t) {
  uint32_t id = nextId++;
  tensors.emplace(id, t);
  if (recording::active()) recording::noteMade(id, t);
  return id;
}

Napi::Object objectFor(Napi::Env env, uint32_t id, const at::Tensor& t) {
  Napi::Object out = Napi::Object::New(env);
  Napi::Array shape = Napi::Array::New(env, t.dim());
  for (int64_t i = 0; i < t.dim(); ++i) shape.Set(static_cast<uint32_t>(i), Napi::Number::New(env, static_cast<double>(t.size(i))));
  out.Set("id", Napi::Number::New(env, id));
  out.Set("shape", shape);
  out.Set("dtype", Napi::String::New(env, kDtypeNames[dtypeCode(t.scalar_type())]));
  return out;
}

}  // namespace

Napi::Value describe(Napi::Env env, const at::Tensor& t) {
  const uint32_t id = store(t);
  const size_t end = records == nullptr ? 0 : static_cast<size_t>(records[0]);
  const size_t length = 3 + static_cast<size_t>(t.dim());
  if (end < 1 || end + length > kRecordCapacity) return objectFor(env, id, t);
  double* record = records + end;
  record[0] = id;
  record[1] = dtypeCode(t.scalar_type());
  record[2] = static_cast<double>(t.dim());
  for (int64_t i = 0; i < t.dim(); ++i) record[3 + i] = static_cast<double>(t.size(i));
  records[0] = static_cast<double>(end + length);
  return Napi::Number::New(env, id);
}

Napi::Object describeObject(Napi::Env env, const at::Tensor& t) {
  const uint32_t id = store(t);
  return objectFor(env, id, t);
}

Napi::Float64Array tensorRecords(Napi::Env env) {
  if (recordsArray.IsEmpty()) {
    Napi::Float64Array array = Napi::Float64Array::New(env, kRecordCapacity);
    records = array.Data();
    records[0] = 1;
    recordsArray = Napi::Persistent(array);
    recordsArray.SuppressDestruct();  // a static's destructor would run after the environment is gone
  }
  return recordsArray.Value();
}

const at::Tensor& lookup(const Napi::Value& handle) {
  const uint32_t id = handle.As<Napi::Number>().Uint32Value();
  auto it = tensors.find(id);
  if (it == tensors.end()) throw std::invalid_argument("torch backend: unknown tensor handle");
  if (recording::active()) recording::noteLookup(id, it->second);
  return it->second;
}

bool release(uint32_t id) {
  return tensors.erase(id) == 1;
}

StoreStats storeStats() {
  double bytes = 0;
  for (const auto& entry : tensors) bytes += static_cast<double>(entry.second.numel() * entry.second.element_size());
  return {tensors.size(), bytes};
}

}  // namespace mimo
