#include "predicted_shapes.h"

#include <ATen/ExpandUtils.h>
#include <ATen/InferSize.h>

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace mimo {

namespace {

const std::unordered_map<std::string, ShapeRule>& rules() {
  static const std::unordered_map<std::string, ShapeRule> byName = [] {
    std::unordered_map<std::string, ShapeRule> out;
    for (const char* name : {"relu", "neg", "abs", "exp", "expm1", "log", "log1p", "sqrt", "rsqrt", "reciprocal", "tanh", "sigmoid", "softplus", "elu", "selu",
                             "erf", "sin", "cos", "square", "ceil", "floor", "sign", "clamp", "leaky_relu", "hardtanh", "threshold"}) {
      out[std::string(name) + "."] = ShapeRule::Pointwise;
    }
    for (const char* name : {"alias.", "clone."}) out[name] = ShapeRule::SameShape;
    for (const char* name : {"add.Tensor", "sub.Tensor", "mul.Tensor", "div.Tensor", "maximum.", "minimum.", "pow.Tensor_Tensor"}) out[name] = ShapeRule::Broadcast;
    for (const char* name : {"add.Scalar", "sub.Scalar", "mul.Scalar", "div.Scalar", "pow.Tensor_Scalar"}) out[name] = ShapeRule::BroadcastScalar;
    for (const char* name : {"sum.dim_IntList", "mean.dim", "amax.", "amin."}) out[name] = ShapeRule::Reduce;
    out["reshape."] = ShapeRule::Reshape;
    out["slice.Tensor"] = ShapeRule::Slice;
    out["unsqueeze."] = ShapeRule::Unsqueeze;
    out["permute."] = ShapeRule::Permute;
    out["transpose.int"] = ShapeRule::Transpose;
    return out;
  }();
  return byName;
}

bool floating(const at::Tensor& t) { return t.scalar_type() == at::kFloat || t.scalar_type() == at::kDouble; }

std::vector<int64_t> sizesOf(const at::Tensor& t) { return t.sizes().vec(); }

// `dim` within [-rank, rank) made non-negative; nullopt outside (ATen raises its own error for those).
std::optional<int64_t> wrapped(int64_t dim, int64_t rank) {
  if (dim < -rank || dim >= rank) return std::nullopt;
  return dim < 0 ? dim + rank : dim;
}

std::optional<Predicted> reduce(const at::Tensor& self, const c10::IValue& dims, bool keepdim) {
  if (dims.isNone() || !floating(self) || self.dim() == 0) return std::nullopt;
  const std::vector<int64_t> listed = dims.toIntVector();
  if (listed.empty()) return std::nullopt;
  std::vector<bool> reduced(self.dim(), false);
  for (int64_t dim : listed) {
    const std::optional<int64_t> d = wrapped(dim, self.dim());
    if (!d || reduced[*d]) return std::nullopt;
    reduced[*d] = true;
  }
  Predicted out{{}, self.scalar_type()};
  for (int64_t d = 0; d < self.dim(); ++d) {
    if (!reduced[d]) out.sizes.push_back(self.size(d));
    else if (keepdim) out.sizes.push_back(1);
  }
  return out;
}

// ATen's slice: start and end wrapped once and clamped to the axis, then every step-th element.
std::optional<Predicted> slice(const torch::jit::Stack& s) {
  const at::Tensor& self = s[0].toTensor();
  if (self.dim() == 0) return std::nullopt;
  const std::optional<int64_t> dim = wrapped(s[1].toInt(), self.dim());
  const int64_t step = s[4].toInt();
  if (!dim || step <= 0) return std::nullopt;
  const int64_t size = self.size(*dim);
  int64_t start = s[2].isNone() ? 0 : s[2].toInt();
  int64_t end = s[3].isNone() ? std::numeric_limits<int64_t>::max() : s[3].toInt();
  if (start < 0) start += size;
  if (end < 0) end += size;
  start = std::clamp<int64_t>(start, 0, size);
  end = std::clamp<int64_t>(end, start, size);
  Predicted out{sizesOf(self), self.scalar_type()};
  out.sizes[*dim] = (end - start + step - 1) / step;
  return out;
}

std::optional<Predicted> permute(const at::Tensor& self, const std::vector<int64_t>& dims) {
  if (static_cast<int64_t>(dims.size()) != self.dim()) return std::nullopt;
  std::vector<bool> seen(self.dim(), false);
  Predicted out{{}, self.scalar_type()};
  for (int64_t dim : dims) {
    const std::optional<int64_t> d = wrapped(dim, self.dim());
    if (!d || seen[*d]) return std::nullopt;
    seen[*d] = true;
    out.sizes.push_back(self.size(*d));
  }
  return out;
}

std::optional<Predicted> predict(ShapeRule rule, const torch::jit::Stack& s) {
  const at::Tensor& self = s[0].toTensor();
  switch (rule) {
    case ShapeRule::Pointwise:
    case ShapeRule::BroadcastScalar:
      if (!floating(self)) return std::nullopt;
      return Predicted{sizesOf(self), self.scalar_type()};
    case ShapeRule::SameShape: return Predicted{sizesOf(self), self.scalar_type()};
    case ShapeRule::Broadcast: {
      if (!s[1].isTensor()) return std::nullopt;
      const at::Tensor& other = s[1].toTensor();
      if (!other.defined() || !floating(self) || other.scalar_type() != self.scalar_type()) return std::nullopt;
      return Predicted{at::infer_size(self.sizes(), other.sizes()), self.scalar_type()};
    }
    case ShapeRule::Reduce: {
      const bool keepdim = s[2].toBool();
      if (s.size() > 3 && !s[3].isNone()) return std::nullopt;  // a dtype argument
      return reduce(self, s[1], keepdim);
    }
    case ShapeRule::Reshape: {
      const std::vector<int64_t> shape = s[1].toIntVector();
      return Predicted{at::infer_size(shape, self.numel()), self.scalar_type()};
    }
    case ShapeRule::Slice: return slice(s);
    case ShapeRule::Unsqueeze: {
      const std::optional<int64_t> d = wrapped(s[1].toInt(), self.dim() + 1);
      if (!d) return std::nullopt;
      Predicted out{sizesOf(self), self.scalar_type()};
      out.sizes.insert(out.sizes.begin() + *d, 1);
      return out;
    }
    case ShapeRule::Permute: return permute(self, s[1].toIntVector());
    case ShapeRule::Transpose: {
      if (self.dim() == 0) return std::nullopt;
      const std::optional<int64_t> a = wrapped(s[1].toInt(), self.dim()), b = wrapped(s[2].toInt(), self.dim());
      if (!a || !b) return std::nullopt;
      Predicted out{sizesOf(self), self.scalar_type()};
      std::swap(out.sizes[*a], out.sizes[*b]);
      return out;
    }
    case ShapeRule::None: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

ShapeRule shapeRuleOf(const std::string& name, const std::string& overload) {
  const std::string bare = name.rfind("aten::", 0) == 0 ? name.substr(6) : name;
  auto it = rules().find(bare + "." + overload);
  return it == rules().end() ? ShapeRule::None : it->second;
}

std::optional<Predicted> predictResult(ShapeRule rule, const torch::jit::Stack& stack) {
  if (rule == ShapeRule::None || stack.empty() || !stack[0].isTensor() || !stack[0].toTensor().defined()) return std::nullopt;
  try {
    return predict(rule, stack);
  } catch (const c10::Error&) {
    return std::nullopt;  // arguments ATen rejects: run the call, which raises ATen's own error
  }
}

}  // namespace mimo
