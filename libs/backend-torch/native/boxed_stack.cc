#include "boxed_stack.h"

#include <cstdint>
#include <cstring>

namespace mimo::boxed {

namespace {

void collect(const c10::IValue& v, std::vector<at::Tensor>& out) {
  if (v.isTensor()) {
    if (v.toTensor().defined()) out.push_back(v.toTensor());
  } else if (v.isList()) {
    for (const c10::IValue& element : v.toListRef()) collect(element, out);
  } else if (v.isTuple()) {
    for (const c10::IValue& element : v.toTupleRef().elements()) collect(element, out);
  }
}

/** A list whose elements may be tensors (Tensor[], Tensor?[]); int, float and bool lists pass through untouched. */
bool tensorList(const c10::IValue& v) {
  if (!v.isList()) return false;
  const c10::TypeKind kind = v.toList().elementType()->kind();
  return kind == c10::TypeKind::TensorType || kind == c10::TypeKind::OptionalType;
}

template <typename F>
c10::IValue mapTensors(const c10::IValue& v, F& replace) {
  if (v.isTensor()) return replace(v.toTensor());
  if (!tensorList(v)) return v;
  c10::impl::GenericList list = v.toList();
  c10::impl::GenericList out(list.elementType());
  out.reserve(list.size());
  for (const c10::IValue& element : v.toListRef()) out.push_back(mapTensors(element, replace));
  return out;
}

void sign(const c10::IValue& v, std::string& out) {
  if (v.isNone()) out += 'N';
  else if (v.isTensor()) out += 'T';
  else if (v.isInt()) out += "i" + std::to_string(v.toInt());
  else if (v.isDouble()) {
    const double d = v.toDouble();
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    out += "d" + std::to_string(bits);
  } else if (v.isBool()) out += v.toBool() ? "b1" : "b0";
  else if (v.isString()) out += "s" + v.toStringRef();
  else if (v.isDevice()) out += "D" + v.toDevice().str();
  else if (v.isList()) {
    out += '[';
    for (const c10::IValue& element : v.toListRef()) sign(element, out), out += ',';
    out += ']';
  } else out += v.tagKind();
}

}  // namespace

std::vector<at::Tensor> tensorsOf(const torch::jit::Stack& stack) {
  std::vector<at::Tensor> out;
  for (const c10::IValue& v : stack) collect(v, out);
  return out;
}

torch::jit::Stack hollow(const torch::jit::Stack& stack) {
  auto undefined = [](const at::Tensor&) { return c10::IValue(at::Tensor()); };
  torch::jit::Stack out;
  out.reserve(stack.size());
  for (const c10::IValue& v : stack) out.push_back(mapTensors(v, undefined));
  return out;
}

torch::jit::Stack fill(const torch::jit::Stack& templ, const std::vector<at::Tensor>& tensors) {
  size_t next = 0;
  auto take = [&](const at::Tensor&) { return c10::IValue(tensors.at(next++)); };
  torch::jit::Stack out;
  out.reserve(templ.size());
  for (const c10::IValue& v : templ) out.push_back(mapTensors(v, take));
  return out;
}

std::string signatureOf(const torch::jit::Stack& stack) {
  std::string out;
  for (const c10::IValue& v : stack) sign(v, out), out += ' ';
  return out;
}

}  // namespace mimo::boxed
