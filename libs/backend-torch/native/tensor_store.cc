#include "tensor_store.h"

#include "step_recording.h"

#include <stdexcept>
#include <unordered_map>

namespace mimo {
namespace {

std::unordered_map<uint32_t, at::Tensor> tensors;
uint32_t nextId = 1;

const char* dtypeName(at::ScalarType type) {
  switch (type) {
    case at::kFloat: return "float32";
    case at::kInt: return "int32";
    case at::kBool: return "bool";
    case at::kLong: return "int64";
    case at::kDouble: return "float64";
    default: return "other";
  }
}

}  // namespace

Napi::Object describe(Napi::Env env, const at::Tensor& t) {
  uint32_t id = nextId++;
  tensors.emplace(id, t);
  if (recording::active()) recording::noteMade(id, t);
  Napi::Object out = Napi::Object::New(env);
  Napi::Array shape = Napi::Array::New(env, t.dim());
  for (int64_t i = 0; i < t.dim(); ++i) shape.Set(static_cast<uint32_t>(i), Napi::Number::New(env, static_cast<double>(t.size(i))));
  out.Set("id", Napi::Number::New(env, id));
  out.Set("shape", shape);
  out.Set("dtype", Napi::String::New(env, dtypeName(t.scalar_type())));
  return out;
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
