// N-API addon over libtorch's ATen: a process-wide store of at::Tensor handles and one
// generic entry point, `call(op, args)`, that runs any ATen operator (resolved once by
// `operatorIndex`) through the c10 dispatcher's boxed calling convention. Kernels are written
// in TypeScript on top of it, so this file stays small and compiles once; the exceptions are
// `recurrent`, whole-sequence LSTM / GRU passes (recurrent.cc) whose per-step loop would cost
// a JS round trip per op, `adamUpdate` (adam.h), one optimizer step of every variable in one
// call, and `stepCpu` (step.h), the ReLU gradient in one pass; `call` itself runs small float arithmetic in its own
// loops (small_elementwise.h). Every tensor is created on the current device (MIMO_DEVICE), so the same kernels run
// on cpu and cuda.
#include <napi.h>

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <ATen/core/Tensor.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/stack.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/full.h>

#include "adam.h"
#include "blas.h"
#include "boxed_stack.h"
#include "dense.h"
#include "dropout.h"
#include "flush_denormals.h"
#include "head_loss.h"
#include "kernel_thread.h"
#include "libtorch_rnn.h"
#include "matmul.h"
#include "predicted_shapes.h"
#include "recurrent.h"
#include "small_elementwise.h"
#include "small_gemm.h"
#include "step.h"
#include "step_graph.h"
#include "step_recording.h"
#include "napi_guard.h"
#include "tensor_store.h"
#include "distributed_binding.h"

#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <string>
#include <unordered_map>

#if __has_include(<torch/csrc/api/include/torch/version.h>)
#include <torch/csrc/api/include/torch/version.h>
#elif __has_include(<torch/version.h>)
#include <torch/version.h>
#endif
#ifndef TORCH_VERSION
#define TORCH_VERSION "unknown"
#endif

namespace {

at::Device device(at::kCPU);
std::string blas = "not configured";
std::vector<c10::OperatorHandle> operators;
std::vector<mimo::SmallOp> smallOps;  // per operator: what small_elementwise.h runs without ATen, if anything
std::vector<mimo::ShapeRule> shapeRules;  // per operator: how its result's shape is known before it runs (predicted_shapes.h)

at::ScalarType scalarTypeOf(const std::string& dtype) {
  if (dtype == "float32") return at::kFloat;
  if (dtype == "int32") return at::kInt;
  if (dtype == "bool") return at::kBool;
  throw std::invalid_argument("torch backend: unsupported dtype '" + dtype + "'");
}

using mimo::describe;
using mimo::lookup;

c10::IValue toIValue(const Napi::Value& v, const c10::TypePtr& type);

template <typename T>
c10::List<T> toList(const Napi::Value& v, const c10::TypePtr& elem) {
  c10::List<T> list;
  Napi::Array array = v.As<Napi::Array>();
  for (uint32_t i = 0; i < array.Length(); ++i) list.push_back(toIValue(array.Get(i), elem).to<T>());
  return list;
}

c10::IValue toIValue(const Napi::Value& v, const c10::TypePtr& type) {
  switch (type->kind()) {
    case c10::TypeKind::OptionalType:
      if (v.IsNull() || v.IsUndefined()) return c10::IValue();
      return toIValue(v, type->castRaw<c10::OptionalType>()->getElementType());
    case c10::TypeKind::TensorType: return lookup(v);
    case c10::TypeKind::FloatType: return v.As<Napi::Number>().DoubleValue();
    case c10::TypeKind::BoolType: return v.ToBoolean().Value();
    case c10::TypeKind::StringType: return v.As<Napi::String>().Utf8Value();
    case c10::TypeKind::DeviceObjType: return c10::Device(v.As<Napi::String>().Utf8Value());
    case c10::TypeKind::NumberType: {
      // A Scalar: integral values stay integral so int32 tensors keep their dtype.
      if (v.IsBoolean()) return c10::Scalar(v.ToBoolean().Value());
      double d = v.As<Napi::Number>().DoubleValue();
      if (d == static_cast<double>(static_cast<int64_t>(d)) && std::abs(d) < 9e15) return c10::Scalar(static_cast<int64_t>(d));
      return c10::Scalar(d);
    }
    case c10::TypeKind::ListType: {
      const c10::TypePtr& elem = type->castRaw<c10::ListType>()->getElementType();
      if (v.IsNumber()) return c10::List<int64_t>({v.As<Napi::Number>().Int64Value()});
      switch (elem->kind()) {
        case c10::TypeKind::IntType: return toList<int64_t>(v, elem);
        case c10::TypeKind::SymIntType: return toList<int64_t>(v, c10::IntType::get());
        case c10::TypeKind::FloatType: return toList<double>(v, elem);
        case c10::TypeKind::BoolType: return toList<bool>(v, elem);
        case c10::TypeKind::TensorType: return toList<at::Tensor>(v, elem);
        case c10::TypeKind::OptionalType: return toList<c10::optional<at::Tensor>>(v, elem);
        default: throw std::invalid_argument("torch backend: unsupported list type " + type->str());
      }
    }
    default:
      // int, ScalarType, Layout, MemoryFormat: all integers in a boxed call.
      if (v.IsNumber()) return v.As<Napi::Number>().Int64Value();
      throw std::invalid_argument("torch backend: cannot pass a JavaScript value as " + type->str());
  }
}

Napi::Value fromIValue(Napi::Env env, const c10::IValue& v) {
  if (v.isTensor()) return describe(env, v.toTensor());
  if (v.isTensorList()) {
    auto list = v.toTensorList();
    Napi::Array out = Napi::Array::New(env, list.size());
    for (size_t i = 0; i < list.size(); ++i) out.Set(static_cast<uint32_t>(i), describe(env, list.get(i)));
    return out;
  }
  if (v.isTuple()) {
    const auto& elements = v.toTupleRef().elements();
    Napi::Array out = Napi::Array::New(env, elements.size());
    for (size_t i = 0; i < elements.size(); ++i) out.Set(static_cast<uint32_t>(i), fromIValue(env, elements[i]));
    return out;
  }
  // Numbers and flags come boxed, { scalar }: a bare number is a tensor handle (tensor_store.h).
  Napi::Object boxed = Napi::Object::New(env);
  if (v.isInt()) boxed.Set("scalar", Napi::Number::New(env, static_cast<double>(v.toInt())));
  else if (v.isDouble()) boxed.Set("scalar", Napi::Number::New(env, v.toDouble()));
  else if (v.isBool()) boxed.Set("scalar", Napi::Boolean::New(env, v.toBool()));
  else return env.Null();
  return boxed;
}

using mimo::guarded;
using mimo::guardedQueueing;
namespace recording = mimo::recording;
namespace kernel_thread = mimo::kernel_thread;

Napi::Array describeAll(Napi::Env env, const std::vector<at::Tensor>& tensors) {
  Napi::Array out = Napi::Array::New(env, tensors.size());
  for (size_t i = 0; i < tensors.size(); ++i) out.Set(static_cast<uint32_t>(i), tensors[i].defined() ? Napi::Value(describe(env, tensors[i])) : env.Null());
  return out;
}

// Whether calls may go to the kernel thread: on the cpu (a CUDA stream queues by itself), turned on, and no step
// recording (a recording writes calls down as they run). A call whose results' shapes are known then queues if the
// thread is awake; one whose are not runs at once, and parks the thread if it is big (kernel_thread.h).
bool queueing() { return device.is_cpu() && kernel_thread::enabled() && !recording::active(); }

// Queues `run` on `inputs` for the kernel thread, its results bound to placeholders shaped as `predicted` says (nullopt:
// a result that is absent), `written` the inputs it writes in place; hands the placeholders to JavaScript.
using Prediction = std::vector<std::optional<mimo::Predicted>>;

Napi::Array queue(Napi::Env env, std::string name, const std::vector<at::Tensor>& inputs, recording::Run run, const Prediction& predicted,
                  const std::vector<at::Tensor>& written = {}) {
  std::vector<at::Tensor> outputs;
  outputs.reserve(predicted.size());
  for (const auto& p : predicted) outputs.push_back(p ? kernel_thread::placeholder(p->sizes, p->dtype) : at::Tensor());
  kernel_thread::submit(std::move(name), [run = std::move(run), inputs]() { return run(inputs); }, outputs, written);
  return describeAll(env, outputs);
}

// operatorIndex(name, overload) → the index `call` takes for aten::<name>.<overload> (looked up once).
Napi::Value OperatorIndex(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    std::string name = info[0].As<Napi::String>().Utf8Value(), overload = info[1].As<Napi::String>().Utf8Value();
    operators.push_back(c10::Dispatcher::singleton().findSchemaOrThrow(name.c_str(), overload.c_str()));
    smallOps.push_back(mimo::smallOpNamed(name, overload));
    shapeRules.push_back(mimo::shapeRuleOf(name, overload));
    return Napi::Number::New(info.Env(), static_cast<double>(operators.size() - 1));
  });
}

Napi::Array fromStack(Napi::Env env, const torch::jit::Stack& stack) {
  Napi::Array out = Napi::Array::New(env, stack.size());
  for (size_t i = 0; i < stack.size(); ++i) out.Set(static_cast<uint32_t>(i), fromIValue(env, stack[i]));
  return out;
}

// Runs a boxed call: leaves the operator's results on `stack`, as callBoxed does. Small float arithmetic skips ATen
// (small_elementwise.h).
void runOperator(const c10::OperatorHandle& op, mimo::SmallOp small, torch::jit::Stack& stack) {
  if (std::optional<at::Tensor> result = mimo::smallElementwise(small, stack)) {
    stack.clear();
    stack.emplace_back(std::move(*result));
    return;
  }
  op.callBoxed(&stack);
}

// call(index, args): runs the operator, or queues it on the kernel thread where its result's shape is known
// beforehand; missing or undefined arguments take the schema default, and an unset `device` is the current device.
Napi::Value Call(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    uint32_t index = info[0].As<Napi::Number>().Uint32Value();
    if (index >= operators.size()) throw std::invalid_argument("torch backend: unknown operator index " + std::to_string(index));
    const auto& op = operators[index];
    const auto& schema = op.schema();
    Napi::Array args = info[1].As<Napi::Array>();
    torch::jit::Stack stack;
    stack.reserve(schema.arguments().size());
    for (size_t i = 0; i < schema.arguments().size(); ++i) {
      const auto& arg = schema.arguments()[i];
      Napi::Value value = i < args.Length() ? args.Get(static_cast<uint32_t>(i)) : info.Env().Undefined();
      if (!value.IsUndefined()) {
        stack.emplace_back(toIValue(value, arg.type()));
      } else if (arg.name() == "device") {
        stack.emplace_back(device);
      } else if (arg.default_value().has_value()) {
        stack.emplace_back(*arg.default_value());
      } else {
        throw std::invalid_argument("torch backend: " + schema.name() + " needs argument '" + arg.name() + "'");
      }
    }
    const mimo::SmallOp small = smallOps[index];
    bool unpredictable = false;
    if (queueing()) {
      std::optional<mimo::Predicted> predicted = mimo::predictResult(shapeRules[index], stack);
      unpredictable = !predicted;
      if (predicted && kernel_thread::awakeForCalls()) {
        // The stack, its tensors in it, goes with the call.
        auto run = [op, small, stack = std::move(stack)](const std::vector<at::Tensor>&) mutable {
          runOperator(op, small, stack);
          return std::vector<at::Tensor>{stack.at(0).toTensor()};
        };
        return queue(info.Env(), schema.name(), {}, std::move(run), {predicted});
      }
    }
    if (kernel_thread::enabled()) {  // else nothing is queued (turning it off waits for the queue)
      const std::vector<at::Tensor> inputs = mimo::boxed::tensorsOf(stack);
      if (unpredictable) kernel_thread::parkFor(inputs);
      kernel_thread::waitFor(inputs);
    }
    if (!recording::active()) {
      runOperator(op, small, stack);
      return fromStack(info.Env(), stack);
    }
    const std::vector<at::Tensor> inputs = mimo::boxed::tensorsOf(stack);
    if (schema.is_mutable()) recording::noteGraphObstacle("it runs an operator that writes in place, " + schema.name());
    torch::jit::Stack templ = mimo::boxed::hollow(stack);
    std::string signature = schema.name() + "." + schema.overload_name() + " " + mimo::boxed::signatureOf(stack);
    runOperator(op, small, stack);
    Napi::Array out = fromStack(info.Env(), stack);
    auto run = [op, small, templ](const std::vector<at::Tensor>& tensors) {
      torch::jit::Stack replayed = mimo::boxed::fill(templ, tensors);
      runOperator(op, small, replayed);
      return mimo::boxed::tensorsOf(replayed);
    };
    recording::add(std::move(signature), inputs, run, mimo::boxed::tensorsOf(stack));
    return out;
  });
}

// Runs one of the addon's own ops on `inputs` and hands its results (null where undefined) to JavaScript; while a step
// records, also writes the op down (step_recording.h), named by `signature()`: the op and its non-tensor arguments.
template <typename Signature>
Napi::Array runRecorded(Napi::Env env, const std::vector<at::Tensor>& inputs, const recording::Run& run, Signature signature) {
  kernel_thread::waitFor(inputs);
  std::vector<at::Tensor> results = run(inputs);
  Napi::Array out = describeAll(env, results);
  if (recording::active()) recording::add(signature(), inputs, run, results);
  return out;
}

// runRecorded, or queued on the kernel thread (`queue`, `written` the inputs `run` writes in place) where it may be and
// `predict()` knows its results' shapes.
template <typename Signature, typename Predict>
Napi::Array runOrQueue(Napi::Env env, const std::vector<at::Tensor>& inputs, const recording::Run& run, Signature signature, Predict predict,
                       const std::vector<at::Tensor>& written = {}) {
  if (queueing()) {
    std::optional<Prediction> predicted = predict();
    if (!predicted) kernel_thread::parkFor(inputs);
    else if (kernel_thread::awakeForCalls()) return queue(env, signature(), inputs, run, *predicted, written);
  }
  return runRecorded(env, inputs, run, signature);
}

// A float32 matrix's sizes, if `t` is one.
std::optional<std::pair<int64_t, int64_t>> matrixSizes(const at::Tensor& t) {
  if (!t.defined() || t.dim() != 2 || t.scalar_type() != at::kFloat) return std::nullopt;
  return std::make_pair(t.size(0), t.size(1));
}

// The [rows, columns] of a product x·kernel + bias that may be queued: float32 matrices whose sizes fit, a bias
// absent or [columns], and under 16M multiply-adds (bigger ones run at once, on every thread).
std::optional<std::pair<int64_t, int64_t>> queueableProduct(const at::Tensor& x, const at::Tensor& kernel, const at::Tensor& bias) {
  const auto xs = matrixSizes(x), ks = matrixSizes(kernel);
  if (!xs || !ks || xs->second != ks->first || xs->first * xs->second * ks->second >= (int64_t{1} << 24)) return std::nullopt;
  if (bias.defined() && (bias.dim() != 1 || bias.size(0) != ks->second || bias.scalar_type() != at::kFloat)) return std::nullopt;
  return std::make_pair(xs->first, ks->second);
}

std::optional<mimo::Predicted> floatOfSizes(at::IntArrayRef sizes) { return mimo::Predicted{sizes.vec(), at::kFloat}; }

// The one result of x·kernel + bias where it may be queued (`queueableProduct`).
std::optional<Prediction> productPrediction(const at::Tensor& x, const at::Tensor& kernel, const at::Tensor& bias) {
  const auto out = queueableProduct(x, kernel, bias);
  if (!out) return std::nullopt;
  return Prediction{floatOfSizes({out->first, out->second})};
}

// The tensor behind a handle, or an undefined tensor for null / undefined (an absent optional input).
at::Tensor lookupOptional(const Napi::Value& v) {
  return v.IsNull() || v.IsUndefined() ? at::Tensor() : lookup(v);
}

// One whole-sequence recurrent op of recurrent.h on its inputs (x, mask, kernel, recurrentKernel, bias, h0, c0,
// then the backward's states and dStates; undefined where absent).
std::vector<at::Tensor> runRecurrent(const std::string& name, const std::vector<at::Tensor>& t, mimo::GateActivation gate, bool atenOps, bool libtorchRnn) {
  mimo::RecurrentInputs in{t[0], t[1], t[2], t[3], t[4], t[5], t[6], gate, atenOps, libtorchRnn};
  if (name == "lstm_forward") return mimo::lstmForward(in);
  if (name == "lstm_backward") return mimo::lstmBackward(in, t[7], t[8]);
  if (name == "gru_forward") return mimo::gruForward(in);
  if (name == "gru_backward") return mimo::gruBackward(in, t[7], t[8]);
  if (name == "gru_reset_after_forward") return mimo::gruResetAfterForward(in);
  if (name == "gru_reset_after_backward") return mimo::gruResetAfterBackward(in, t[7], t[8]);
  throw std::invalid_argument("torch backend: unknown recurrent op '" + name + "'");
}

// recurrent(name, [x, mask, kernel, recurrentKernel, bias, h0, c0, ...extra], gateActivation, atenOps, libtorchRnn) → handles
// (null for an absent bias gradient): the whole-sequence LSTM / GRU ops of recurrent.h. null inputs are absent.
Napi::Value Recurrent(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    std::string name = info[0].As<Napi::String>().Utf8Value();
    Napi::Array args = info[1].As<Napi::Array>();
    std::vector<at::Tensor> inputs(9);
    for (uint32_t i = 0; i < inputs.size() && i < args.Length(); ++i) inputs[i] = lookupOptional(args.Get(i));
    const std::string gateName = info[2].As<Napi::String>().Utf8Value();
    const mimo::GateActivation gate = mimo::gateActivationNamed(gateName);
    const bool atenOps = info[3].ToBoolean().Value(), libtorchRnn = info[4].ToBoolean().Value();
    auto run = [name, gate, atenOps, libtorchRnn](const std::vector<at::Tensor>& t) { return runRecurrent(name, t, gate, atenOps, libtorchRnn); };
    return runRecorded(info.Env(), inputs, run, [&]() { return "recurrent " + name + " " + gateName + (atenOps ? " aten" : "") + (libtorchRnn ? " libtorch" : ""); });
  });
}

// Whether w, g, m and v of each variable are float32 of one size.
bool floatVariables(const std::vector<at::Tensor>& inputs) {
  if (inputs.size() % 4 != 1) return false;
  for (size_t i = 0; i + 1 < inputs.size(); i += 4) {
    for (size_t k = 0; k < 4; ++k) {
      if (inputs[i + k].scalar_type() != at::kFloat || inputs[i + k].sizes() != inputs[i].sizes()) return false;
    }
  }
  return true;
}

// An Adam step asked to run in place (nothing else in JavaScript holds w, m or v): where a view shares the storage of
// one (known, for a queued step, only once the calls queued before it have run), w, m and v take the step's new
// tensors as their own instead, so the view keeps its values. Either way w, m and v hold the update; nothing returned.
std::vector<at::Tensor> adamInPlaceOrAdopted(const std::vector<at::Tensor>& t, const mimo::AdamStep& step) {
  const std::vector<at::Tensor> updated = mimo::adamUpdate(t, step, false, true);
  for (size_t i = 0; i < updated.size(); ++i) kernel_thread::adopt(t[i / 3 * 4 + (i % 3 == 0 ? 0 : i % 3 + 1)], updated[i]);
  return {};
}

// adamUpdate([w, g, m, v per variable..., iteration], beta1, beta2, epsilon, learningRate, atenOps, inPlace) → [w', m',
// v' per variable]: one Adam step of every variable in one call (adam.h), into new tensors; or [] when `inPlace`
// (nothing else in JavaScript holds w, m, v) and, on the cpu, they are float32 of one size: w, m and v then take the
// update themselves (`adamInPlaceOrAdopted`), queued on the kernel thread where it is awake. Never in place while a
// step is recorded: its replay keeps the recorded call's new tensors.
Napi::Value AdamUpdate(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    Napi::Array handles = info[0].As<Napi::Array>();
    std::vector<at::Tensor> inputs(handles.Length());
    for (uint32_t i = 0; i < handles.Length(); ++i) inputs[i] = lookup(handles.Get(i));
    const mimo::AdamStep step{info[1].As<Napi::Number>().DoubleValue(), info[2].As<Napi::Number>().DoubleValue(),
                              info[3].As<Napi::Number>().DoubleValue(), info[4].As<Napi::Number>().DoubleValue()};
    const bool atenOps = info[5].ToBoolean().Value();
    const bool inPlace = info[6].ToBoolean().Value() && !recording::active();
    auto signature = [&]() { return "adam " + mimo::boxed::signatureOf({step.beta1, step.beta2, step.epsilon, step.learningRate, atenOps}); };
    if (inPlace && !atenOps && device.is_cpu() && floatVariables(inputs)) {
      std::vector<at::Tensor> written;
      for (size_t i = 0; i + 1 < inputs.size(); i += 4) written.insert(written.end(), {inputs[i], inputs[i + 2], inputs[i + 3]});
      auto run = [step](const std::vector<at::Tensor>& t) { return adamInPlaceOrAdopted(t, step); };
      return runOrQueue(info.Env(), inputs, run, signature, []() { return std::optional<Prediction>(Prediction{}); }, written);
    }
    auto run = [step, atenOps, inPlace](const std::vector<at::Tensor>& t) { return mimo::adamUpdate(t, step, atenOps, inPlace); };
    return runRecorded(info.Env(), inputs, run, signature);
  });
}

// stepCpu(handle, alpha) → handle of tfjs's Step of a float32 cpu tensor in one pass (step.h), or null for
// any other tensor.
Napi::Value StepCpu(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    const at::Tensor x = lookup(info[0]);
    const double alpha = info[1].As<Napi::Number>().DoubleValue();
    if (x.scalar_type() == at::kFloat && queueing() && kernel_thread::awakeForCalls()) {
      auto run = [alpha](const std::vector<at::Tensor>& t) { return std::vector<at::Tensor>{*mimo::stepCpu(t[0], alpha)}; };
      return queue(info.Env(), "step", {x}, run, {floatOfSizes(x.sizes())}).Get(0u);
    }
    kernel_thread::waitFor({x});
    std::optional<at::Tensor> out = mimo::stepCpu(x, alpha);
    if (!out) return info.Env().Null();
    Napi::Value handle = describe(info.Env(), *out);
    if (recording::active()) {
      auto run = [alpha](const std::vector<at::Tensor>& t) { return std::vector<at::Tensor>{*mimo::stepCpu(t[0], alpha)}; };
      recording::add("step " + mimo::boxed::signatureOf({alpha}), {x}, run, {*out});
    }
    return handle;
  });
}

// dropoutMask(seed, shape, rate, atenOps) → handle of a dropout mask (dropout.h) on the current device.
Napi::Value DropoutMask(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    const at::Tensor seed = lookup(info[0]);
    Napi::Array jsShape = info[1].As<Napi::Array>();
    std::vector<int64_t> shape(jsShape.Length());
    for (uint32_t i = 0; i < jsShape.Length(); ++i) shape[i] = jsShape.Get(i).As<Napi::Number>().Int64Value();
    const double rate = info[2].As<Napi::Number>().DoubleValue();
    mimo::checkDropoutRate(rate);
    const bool atenOps = info[3].ToBoolean().Value();
    const at::Device on = device;
    auto run = [shape, rate, on, atenOps](const std::vector<at::Tensor>& t) { return std::vector<at::Tensor>{mimo::dropoutMask(t[0], shape, rate, on, atenOps)}; };
    auto predict = [&]() { return std::optional<Prediction>(Prediction{floatOfSizes(shape)}); };
    return runOrQueue(info.Env(), {seed}, run, [&]() { return "dropout_mask " + mimo::boxed::signatureOf({c10::List<int64_t>(shape), rate, on, atenOps}); }, predict).Get(0u);
  });
}

// linear(a, b, bias | null) → handle of a·b + bias for 2-D a and b (matmul.h): the dense and matmul kernels' products.
Napi::Value Linear(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    std::vector<at::Tensor> inputs{lookup(info[0]), lookup(info[1]), lookupOptional(info[2])};
    auto run = [](const std::vector<at::Tensor>& t) { return std::vector<at::Tensor>{mimo::linear(t[0], t[1], t[2])}; };
    auto predict = [&]() { return productPrediction(inputs[0], inputs[1], inputs[2]); };
    return runOrQueue(info.Env(), inputs, run, []() { return std::string("linear"); }, predict).Get(0u);
  });
}

// dense(x, kernel, bias | null, activation) → handle of activation(x·kernel + bias) for a 2-D x (dense.h).
Napi::Value Dense(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    std::vector<at::Tensor> inputs{lookup(info[0]), lookup(info[1]), lookupOptional(info[2])};
    const std::string name = info[3].As<Napi::String>().Utf8Value();
    const mimo::DenseActivation activation = mimo::denseActivationNamed(name);
    auto run = [activation](const std::vector<at::Tensor>& t) { return std::vector<at::Tensor>{mimo::denseForward(t[0], t[1], t[2], activation)}; };
    auto predict = [&]() { return productPrediction(inputs[0], inputs[1], inputs[2]); };
    return runOrQueue(info.Env(), inputs, run, [&]() { return "dense " + name; }, predict).Get(0u);
  });
}

// denseGrad(x, kernel, y, dy, activation, hasBias, inputGradient) → handles [dx | null, dKernel, dBias | null] for a 2-D x
// (dense.h).
Napi::Value DenseGrad(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    std::vector<at::Tensor> inputs{lookup(info[0]), lookup(info[1]), lookup(info[2]), lookup(info[3])};
    const std::string name = info[4].As<Napi::String>().Utf8Value();
    const mimo::DenseActivation activation = mimo::denseActivationNamed(name);
    const bool hasBias = info[5].ToBoolean().Value(), inputGradient = info[6].ToBoolean().Value();
    auto run = [activation, hasBias, inputGradient](const std::vector<at::Tensor>& t) { return mimo::denseBackward(t[0], t[1], t[2], t[3], activation, hasBias, inputGradient); };
    auto predict = [&]() -> std::optional<Prediction> {
      const auto out = queueableProduct(inputs[0], inputs[1], at::Tensor());
      if (!out || matrixSizes(inputs[2]) != out || matrixSizes(inputs[3]) != out) return std::nullopt;
      return Prediction{inputGradient ? floatOfSizes(inputs[0].sizes()) : std::nullopt, floatOfSizes(inputs[1].sizes()), hasBias ? floatOfSizes({out->second}) : std::nullopt};
    };
    return runOrQueue(info.Env(), inputs, run, [&]() { return "dense_grad " + name + (hasBias ? " bias" : "") + (inputGradient ? "" : " no_dx"); }, predict);
  });
}

// Whether a head loss (or its gradient) may be queued: yTrue and yPred float32 of one size, weights absent or float32.
bool floatHeadLoss(const std::vector<at::Tensor>& inputs) {
  const at::Tensor &yTrue = inputs[0], &yPred = inputs[1], &weights = inputs[2];
  return yPred.scalar_type() == at::kFloat && yTrue.scalar_type() == at::kFloat && yTrue.sizes() == yPred.sizes() && (!weights.defined() || weights.scalar_type() == at::kFloat);
}

// headLoss(name, yTrue, yPred, weights | null, epsilon, atenOps) → handle of a head's loss, a scalar (head_loss.h).
Napi::Value HeadLoss(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    const std::string name = info[0].As<Napi::String>().Utf8Value();
    const mimo::HeadLoss loss = mimo::headLossNamed(name);
    std::vector<at::Tensor> inputs{lookup(info[1]), lookup(info[2]), lookupOptional(info[3])};
    const double epsilon = info[4].As<Napi::Number>().DoubleValue();
    const bool atenOps = info[5].ToBoolean().Value();
    auto run = [loss, epsilon, atenOps](const std::vector<at::Tensor>& t) { return std::vector<at::Tensor>{mimo::headLossForward(loss, t[0], t[1], t[2], epsilon, atenOps)}; };
    auto predict = [&]() { return floatHeadLoss(inputs) ? std::optional<Prediction>(Prediction{floatOfSizes({})}) : std::nullopt; };
    return runOrQueue(info.Env(), inputs, run, [&]() { return "head_loss " + name + " " + mimo::boxed::signatureOf({epsilon, atenOps}); }, predict).Get(0u);
  });
}

// headLossGrad(name, yTrue, yPred, weights | null, dy, epsilon, atenOps) → handle of the head loss's gradient for yPred.
Napi::Value HeadLossGrad(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    const std::string name = info[0].As<Napi::String>().Utf8Value();
    const mimo::HeadLoss loss = mimo::headLossNamed(name);
    std::vector<at::Tensor> inputs{lookup(info[1]), lookup(info[2]), lookupOptional(info[3]), lookup(info[4])};
    const double epsilon = info[5].As<Napi::Number>().DoubleValue();
    const bool atenOps = info[6].ToBoolean().Value();
    auto run = [loss, epsilon, atenOps](const std::vector<at::Tensor>& t) { return std::vector<at::Tensor>{mimo::headLossBackward(loss, t[0], t[1], t[2], t[3], epsilon, atenOps)}; };
    auto predict = [&]() { return floatHeadLoss(inputs) ? std::optional<Prediction>(Prediction{floatOfSizes(inputs[1].sizes())}) : std::nullopt; };
    return runOrQueue(info.Env(), inputs, run, [&]() { return "head_loss_grad " + name + " " + mimo::boxed::signatureOf({epsilon, atenOps}); }, predict).Get(0u);
  });
}

// A tensor made from JavaScript values: a recorded step replays it as it is.
Napi::Value constant(Napi::Env env, const at::Tensor& t) {
  Napi::Value handle = describe(env, t);
  if (recording::active()) recording::addConstant(t);
  return handle;
}

// fromArray(typedArray, shape, dtype) → handle; copies the values onto the device. A
// one-element tensor off the cpu is filled there instead: no blocking host-to-device copy.
Napi::Value FromArray(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    Napi::TypedArray values = info[0].As<Napi::TypedArray>();
    Napi::Array jsShape = info[1].As<Napi::Array>();
    std::vector<int64_t> shape(jsShape.Length());
    for (uint32_t i = 0; i < jsShape.Length(); ++i) shape[i] = jsShape.Get(i).As<Napi::Number>().Int64Value();
    at::TensorOptions options = at::TensorOptions().dtype(scalarTypeOf(info[2].As<Napi::String>().Utf8Value()));
    if (!device.is_cpu() && values.ElementLength() == 1) {
      double value;
      switch (values.TypedArrayType()) {
        case napi_float32_array: value = values.As<Napi::Float32Array>()[0]; break;
        case napi_int32_array: value = values.As<Napi::Int32Array>()[0]; break;
        default: value = values.As<Napi::Uint8Array>()[0]; break;
      }
      return constant(info.Env(), at::full(shape, value, options.device(device)));
    }
    at::Tensor t = at::empty(shape, options);
    size_t bytes = static_cast<size_t>(t.numel()) * t.element_size();
    if (values.ByteLength() != bytes) throw std::invalid_argument("torch backend: fromArray got " + std::to_string(values.ByteLength()) + " bytes for " + std::to_string(bytes));
    if (bytes > 0) std::memcpy(t.data_ptr(), static_cast<uint8_t*>(values.ArrayBuffer().Data()) + values.ByteOffset(), bytes);
    return constant(info.Env(), device.is_cpu() ? t : t.to(device));
  });
}

// readInto(handle, typedArray): copies the values into a Float32Array / Int32Array /
// Uint8Array the caller allocated (in its own realm, so `instanceof` holds in jest too),
// converting to its element type.
Napi::Value ReadInto(const Napi::CallbackInfo& info) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    Napi::TypedArray out = info[1].As<Napi::TypedArray>();
    at::ScalarType type;
    switch (out.TypedArrayType()) {
      case napi_float32_array: type = at::kFloat; break;
      case napi_int32_array: type = at::kInt; break;
      case napi_uint8_array: type = at::kBool; break;
      default: throw std::invalid_argument("torch backend: readInto needs a Float32Array, Int32Array or Uint8Array");
    }
    const at::Tensor& stored = lookup(info[0]);
    kernel_thread::waitFor({stored});
    at::Tensor t = stored.to(at::kCPU, type).contiguous();
    size_t bytes = static_cast<size_t>(t.numel()) * t.element_size();
    if (out.ByteLength() != bytes) throw std::invalid_argument("torch backend: readInto got " + std::to_string(out.ByteLength()) + " bytes for " + std::to_string(bytes));
    if (bytes > 0) std::memcpy(static_cast<uint8_t*>(out.ArrayBuffer().Data()) + out.ByteOffset(), t.data_ptr(), bytes);
    return info.Env().Undefined();
  });
}

// free(handle | handles): drops handles (a kernel frees its intermediates in one call).
Napi::Value Free(const Napi::CallbackInfo& info) {
  if (!info[0].IsArray()) return Napi::Boolean::New(info.Env(), mimo::release(info[0].As<Napi::Number>().Uint32Value()));
  Napi::Array ids = info[0].As<Napi::Array>();
  uint32_t erased = 0;
  for (uint32_t i = 0; i < ids.Length(); ++i) erased += mimo::release(ids.Get(i).As<Napi::Number>().Uint32Value());
  return Napi::Boolean::New(info.Env(), erased == ids.Length());
}

// stats() → { count, bytes, rnnGraphs, callsQueued }: live handles and their element bytes, the LSTM / GRU graphs kept for a
// backward pass (libtorch_rnn.h), and the calls queued on the kernel thread so far (kernel_thread.h).
Napi::Value Stats(const Napi::CallbackInfo& info) {
  mimo::StoreStats stats = mimo::storeStats();
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("count", Napi::Number::New(info.Env(), static_cast<double>(stats.count)));
  out.Set("bytes", Napi::Number::New(info.Env(), stats.bytes));
  out.Set("rnnGraphs", Napi::Number::New(info.Env(), static_cast<double>(mimo::libtorchRnnGraphsKept())));
  out.Set("callsQueued", Napi::Number::New(info.Env(), static_cast<double>(kernel_thread::callsQueued())));
  return out;
}

// configure({ threads?, device?, flushDenormals?, kernelThread?, stepGraphs? }) → info(); throws when cuda is asked for but unavailable. Settles the BLAS threads (blas.h).
Napi::Value Info(const Napi::CallbackInfo& info);

const std::pair<const char*, recording::GraphMode> graphModes[] = {
    {"auto", recording::GraphMode::automatic}, {"off", recording::GraphMode::off}, {"buffers", recording::GraphMode::buffers}};

recording::GraphMode graphModeOf(const std::string& name) {
  for (const auto& [known, mode] : graphModes) if (name == known) return mode;
  throw std::invalid_argument("torch backend: stepGraphs must be auto, off or buffers, not " + name);
}

std::string graphModeName(recording::GraphMode mode) {
  for (const auto& [name, known] : graphModes) if (mode == known) return name;
  return "auto";
}

Napi::Value Configure(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Object options = info[0].As<Napi::Object>();
    if (options.Has("threads") && options.Get("threads").IsNumber()) at::set_num_threads(options.Get("threads").As<Napi::Number>().Int32Value());
    blas = mimo::settleBlasThreads();
    const bool flush = options.Has("flushDenormals") && options.Get("flushDenormals").IsBoolean() ? options.Get("flushDenormals").As<Napi::Boolean>().Value() : mimo::flushingDenormals();
    mimo::setFlushingDenormals(flush);
    if (options.Has("kernelThread") && options.Get("kernelThread").IsBoolean()) kernel_thread::setEnabled(options.Get("kernelThread").As<Napi::Boolean>().Value());
    if (options.Has("stepGraphs") && options.Get("stepGraphs").IsString()) recording::setGraphMode(graphModeOf(options.Get("stepGraphs").As<Napi::String>().Utf8Value()));
    if (options.Has("device") && options.Get("device").IsString()) {
      c10::Device requested(options.Get("device").As<Napi::String>().Utf8Value());
      if (requested.is_cuda() && !at::hasCUDA()) throw std::invalid_argument("torch backend: cuda requested but this libtorch sees no CUDA device");
      // float32 as tfjs defines it: cuDNN's convolutions and LSTMs would otherwise round their products to TF32.
      if (requested.is_cuda()) at::globalContext().setAllowTF32CuDNN(false);
      device = requested;
    }
    return Info(info);
  });
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("version", Napi::String::New(info.Env(), TORCH_VERSION));
  out.Set("threads", Napi::Number::New(info.Env(), at::get_num_threads()));
  out.Set("device", Napi::String::New(info.Env(), device.str()));
  out.Set("cuda", Napi::Boolean::New(info.Env(), at::hasCUDA()));
  out.Set("cudnn", Napi::Boolean::New(info.Env(), at::globalContext().hasCuDNN()));
  out.Set("parallel", Napi::String::New(info.Env(), at::get_parallel_info()));
  out.Set("blas", Napi::String::New(info.Env(), blas));
  out.Set("ownProducts", Napi::Boolean::New(info.Env(), mimo::smallGemmAvailable()));
  out.Set("flushDenormals", Napi::Boolean::New(info.Env(), mimo::flushingDenormals()));
  out.Set("kernelThread", Napi::Boolean::New(info.Env(), kernel_thread::enabled() && device.is_cpu()));
  out.Set("stepGraphs", Napi::String::New(info.Env(), graphModeName(recording::graphMode())));
  out.Set("cudaGraphs", Napi::Boolean::New(info.Env(), mimo::step_graph::available()));
  return out;
}

// ---- whole-step replay (step_recording.h) ----

// recordBegin(): from now on every tensor-making call is also written down, until recordEnd or recordAbandon.
Napi::Value RecordBegin(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    recording::begin();
    return info.Env().Undefined();
  });
}

// recordEnd() → { plan, externals }: the plan id and the handles of the tensors the step read but did not make.
Napi::Value RecordEnd(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    recording::Ended ended = recording::end();
    Napi::Object out = Napi::Object::New(info.Env());
    Napi::Array externals = Napi::Array::New(info.Env(), ended.externalHandles.size());
    for (size_t i = 0; i < ended.externalHandles.size(); ++i) externals.Set(static_cast<uint32_t>(i), Napi::Number::New(info.Env(), ended.externalHandles[i]));
    out.Set("plan", Napi::Number::New(info.Env(), ended.plan));
    out.Set("externals", externals);
    return out;
  });
}

// recordAbandon(): drops the recording under way (the step threw).
Napi::Value RecordAbandon(const Napi::CallbackInfo& info) {
  recording::abandon();
  return info.Env().Undefined();
}

// planMismatch(a, b) → why two recordings would not replay alike, or null.
Napi::Value PlanMismatch(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    auto why = recording::mismatch(info[0].As<Napi::Number>().Uint32Value(), info[1].As<Napi::Number>().Uint32Value());
    return why ? Napi::Value(Napi::String::New(info.Env(), *why)) : info.Env().Null();
  });
}

std::vector<uint32_t> handlesOf(const Napi::Value& value) {
  Napi::Array array = value.As<Napi::Array>();
  std::vector<uint32_t> handles(array.Length());
  for (uint32_t i = 0; i < array.Length(); ++i) handles[i] = array.Get(i).As<Napi::Number>().Uint32Value();
  return handles;
}

// planFinish(plan, resultHandles) → the number of native calls a replay makes.
Napi::Value PlanFinish(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    const uint32_t plan = info[0].As<Napi::Number>().Uint32Value();
    recording::finish(plan, handlesOf(info[1]));
    return Napi::Number::New(info.Env(), static_cast<double>(recording::instructionCount(plan)));
  });
}

// planReplay(plan, inputHandles) → the results' handles, new tensors.
Napi::Value PlanReplay(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    if (recording::active()) throw std::logic_error("torch backend: a step cannot replay while another records");
    Napi::Array handles = info[1].As<Napi::Array>();
    std::vector<at::Tensor> inputs;
    inputs.reserve(handles.Length());
    for (uint32_t i = 0; i < handles.Length(); ++i) inputs.push_back(lookup(handles.Get(i)));
    return describeAll(info.Env(), recording::replay(info[0].As<Napi::Number>().Uint32Value(), inputs));
  });
}

// planGraph(plan) → { mode, reason? }: how its replays run (recording::graphState); undefined for a plan that is gone.
Napi::Value PlanGraph(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    const std::optional<recording::GraphState> state = recording::graphState(info[0].As<Napi::Number>().Uint32Value());
    if (!state) return info.Env().Undefined();
    Napi::Object out = Napi::Object::New(info.Env());
    out.Set("mode", Napi::String::New(info.Env(), state->mode));
    if (!state->reason.empty()) out.Set("reason", Napi::String::New(info.Env(), state->reason));
    return out;
  });
}

// planDrop(plan) → true when it existed.
Napi::Value PlanDrop(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), recording::drop(info[0].As<Napi::Number>().Uint32Value()));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
#if defined(__GLIBC__)
  // glibc maps every block over 128 KiB afresh and trims freed heap early, so each training step's
  // activations page-fault anew (a third of a small CNN's step here). Keep blocks up to 32 MiB on the
  // heap for reuse, as PyTorch's caching allocators do for their devices.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
  // The kernel thread finishes its queue and stops before the addon's environment goes.
  napi_add_env_cleanup_hook(env, [](void*) { kernel_thread::shutdown(); }, nullptr);
  exports.Set("operatorIndex", Napi::Function::New(env, OperatorIndex, "operatorIndex"));
  exports.Set("call", Napi::Function::New(env, Call, "call"));
  exports.Set("recurrent", Napi::Function::New(env, Recurrent, "recurrent"));
  exports.Set("adamUpdate", Napi::Function::New(env, AdamUpdate, "adamUpdate"));
  exports.Set("headLoss", Napi::Function::New(env, HeadLoss, "headLoss"));
  exports.Set("headLossGrad", Napi::Function::New(env, HeadLossGrad, "headLossGrad"));
  exports.Set("stepCpu", Napi::Function::New(env, StepCpu, "stepCpu"));
  exports.Set("dropoutMask", Napi::Function::New(env, DropoutMask, "dropoutMask"));
  exports.Set("linear", Napi::Function::New(env, Linear, "linear"));
  exports.Set("dense", Napi::Function::New(env, Dense, "dense"));
  exports.Set("denseGrad", Napi::Function::New(env, DenseGrad, "denseGrad"));
  exports.Set("fromArray", Napi::Function::New(env, FromArray, "fromArray"));
  exports.Set("readInto", Napi::Function::New(env, ReadInto, "readInto"));
  exports.Set("free", Napi::Function::New(env, Free, "free"));
  exports.Set("tensorRecords", mimo::tensorRecords(env));
  exports.Set("stats", Napi::Function::New(env, Stats, "stats"));
  exports.Set("configure", Napi::Function::New(env, Configure, "configure"));
  exports.Set("info", Napi::Function::New(env, Info, "info"));
  exports.Set("recordBegin", Napi::Function::New(env, RecordBegin, "recordBegin"));
  exports.Set("recordEnd", Napi::Function::New(env, RecordEnd, "recordEnd"));
  exports.Set("recordAbandon", Napi::Function::New(env, RecordAbandon, "recordAbandon"));
  exports.Set("planMismatch", Napi::Function::New(env, PlanMismatch, "planMismatch"));
  exports.Set("planFinish", Napi::Function::New(env, PlanFinish, "planFinish"));
  exports.Set("planReplay", Napi::Function::New(env, PlanReplay, "planReplay"));
  exports.Set("planDrop", Napi::Function::New(env, PlanDrop, "planDrop"));
  exports.Set("planGraph", Napi::Function::New(env, PlanGraph, "planGraph"));
  mimo::registerDistributed(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(mimo_torch, Init)
