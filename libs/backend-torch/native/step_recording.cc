#include "step_recording.h"

#include "step_graph.h"
#include "thread_handoff.h"

#include <ATen/ops/equal.h>

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace mimo::recording {

namespace {

constexpr int kNone = -1;

struct Instruction {
  std::string signature;
  std::vector<int> inputs, outputs;  // registers; kNone where a tensor is absent
  Run run;
};

struct External {
  int reg;
  uint32_t handle;
  std::vector<int64_t> sizes;
  at::ScalarType dtype;
};

struct Plan {
  std::vector<Instruction> instructions;
  std::vector<External> externals;
  std::vector<std::pair<int, at::Tensor>> constants;  // register, value (for `mismatch`)
  int registers = 0;
  std::vector<int> results;  // after `finish`
  std::vector<std::vector<int>> releaseAfter;  // registers dead after each instruction
  // Replays through buffers of the plan's own (a CUDA graph reads its inputs and writes its results at fixed
  // addresses): why not (set while recording, by `finish`, or by a failed capture), the device, the buffers, the graph.
  std::optional<std::string> graphObstacle;
  c10::Device device = c10::Device(c10::kCPU);
  int unbufferedReplays = 0;
  bool buffered = false;
  std::vector<at::Tensor> bufferedInputs, bufferedResults;
  std::unique_ptr<step_graph::Graph> graph;
  // Recording only: which register a tensor and a handle are, and every tensor seen (kept alive so that a freed
  // tensor's address cannot come back as another tensor's).
  std::unordered_map<const c10::TensorImpl*, int> registerOf;
  std::unordered_map<uint32_t, int> handleRegister;
  std::vector<at::Tensor> seen;
};

std::map<uint32_t, std::unique_ptr<Plan>> plans;
GraphMode mode = GraphMode::automatic;
uint32_t nextPlan = 1;
Plan* current = nullptr;
uint32_t currentId = 0;

int registerFor(const at::Tensor& t) {
  auto [it, added] = current->registerOf.emplace(t.unsafeGetTensorImpl(), current->registers);
  if (added) {
    current->registers++;
    current->seen.push_back(t);
  }
  return it->second;
}

std::vector<int> registersOf(const std::vector<at::Tensor>& tensors) {
  std::vector<int> regs;
  regs.reserve(tensors.size());
  for (const at::Tensor& t : tensors) regs.push_back(t.defined() ? current->registerOf.at(t.unsafeGetTensorImpl()) : kNone);
  return regs;
}

Plan& planAt(uint32_t id) {
  auto it = plans.find(id);
  if (it == plans.end()) throw std::invalid_argument("torch backend: unknown step plan " + std::to_string(id));
  return *it->second;
}

std::string describeShape(const std::vector<int64_t>& sizes) {
  std::string out = "[";
  for (size_t i = 0; i < sizes.size(); ++i) out += (i ? ", " : "") + std::to_string(sizes[i]);
  return out + "]";
}

// Why a finished plan cannot replay through buffers of its own, or nullopt: every tensor it touches must be on one
// device (a graph would bake a cpu tensor's value in). Inputs that share memory are fine: nothing the plan runs
// writes in place (noteGraphObstacle), so each may be copied into a buffer of its own.
std::optional<std::string> bufferObstacle(const Plan& plan) {
  for (const at::Tensor& t : plan.seen) {
    if (t.defined() && t.device() != plan.device) return "it touches tensors on " + plan.device.str() + " and on " + t.device().str();
  }
  return std::nullopt;
}

// The device of the first tensor a plan touches (cpu for none).
c10::Device deviceOf(const Plan& plan) {
  for (const at::Tensor& t : plan.seen) {
    if (t.defined()) return t.device();
  }
  return c10::Device(c10::kCPU);
}

bool wantsBuffers(const Plan& plan) {
  if (plan.graphObstacle) return false;
  return mode == GraphMode::buffers || (mode == GraphMode::automatic && plan.device.is_cuda() && step_graph::available());
}

// The plan's instructions one after another on `inputs` → its results.
std::vector<at::Tensor> runInstructions(const Plan& plan, const std::vector<at::Tensor>& inputs) {
  std::vector<at::Tensor> regs(plan.registers);
  for (size_t i = 0; i < inputs.size(); ++i) regs[plan.externals[i].reg] = inputs[i];
  std::vector<at::Tensor> args;
  const BackToBackCalls backToBack;
  for (size_t i = 0; i < plan.instructions.size(); ++i) {
    const Instruction& instruction = plan.instructions[i];
    args.clear();
    for (int reg : instruction.inputs) args.push_back(reg == kNone ? at::Tensor() : regs[reg]);
    std::vector<at::Tensor> outs = instruction.run(args);
    for (size_t k = 0; k < instruction.outputs.size() && k < outs.size(); ++k) {
      if (instruction.outputs[k] != kNone) regs[instruction.outputs[k]] = std::move(outs[k]);
    }
    for (int reg : plan.releaseAfter[i]) regs[reg].reset();
  }
  std::vector<at::Tensor> results;
  results.reserve(plan.results.size());
  for (int reg : plan.results) results.push_back(regs[reg]);
  return results;
}

// Sets up a plan's buffers: its inputs' first values, and in automatic mode the graph, captured from the plan's
// instructions on them (nothing runs then). False when the capture fails: the plan replays as calls from then on.
bool setUpBuffers(Plan& plan, const std::vector<at::Tensor>& inputs) {
  plan.bufferedInputs.clear();
  for (const at::Tensor& input : inputs) plan.bufferedInputs.push_back(input.clone());
  if (mode == GraphMode::automatic) {
    try {
      plan.graph = step_graph::capture(plan.device, [&plan] { plan.bufferedResults = runInstructions(plan, plan.bufferedInputs); });
    } catch (const std::exception& e) {
      plan.graphObstacle = std::string("its capture as a CUDA graph failed: ") + e.what();
      plan.bufferedInputs.clear();
      plan.bufferedResults.clear();
      return false;
    }
  }
  plan.buffered = true;
  return true;
}

// A replay through the plan's buffers: the inputs copied in, the graph launched (or, with `buffers`, the
// instructions run on them and their results copied into buffers kept as a graph's are), the results copied out
// (the next replay overwrites the buffers).
std::vector<at::Tensor> replayThroughBuffers(Plan& plan, const std::vector<at::Tensor>& inputs) {
  for (size_t i = 0; i < inputs.size(); ++i) plan.bufferedInputs[i].copy_(inputs[i]);
  if (plan.graph) {
    plan.graph->launch();
  } else {
    std::vector<at::Tensor> fresh = runInstructions(plan, plan.bufferedInputs);
    if (plan.bufferedResults.empty()) {
      for (const at::Tensor& result : fresh) plan.bufferedResults.push_back(result.clone());
    } else {
      for (size_t i = 0; i < fresh.size(); ++i) plan.bufferedResults[i].copy_(fresh[i]);
    }
  }
  std::vector<at::Tensor> results;
  results.reserve(plan.bufferedResults.size());
  for (const at::Tensor& result : plan.bufferedResults) results.push_back(result.clone());
  return results;
}

}  // namespace

bool active() {
  return current != nullptr;
}

void begin() {
  if (current != nullptr) throw std::logic_error("torch backend: a step recording is already under way");
  currentId = nextPlan++;
  current = plans.emplace(currentId, std::make_unique<Plan>()).first->second.get();
}

Ended end() {
  if (current == nullptr) throw std::logic_error("torch backend: no step recording is under way");
  Ended ended{currentId, {}};
  for (const External& external : current->externals) ended.externalHandles.push_back(external.handle);
  current = nullptr;
  return ended;
}

void abandon() {
  if (current == nullptr) return;
  plans.erase(currentId);
  current = nullptr;
}

void noteLookup(uint32_t handle, const at::Tensor& t) {
  const bool known = current->registerOf.count(t.unsafeGetTensorImpl()) != 0;
  const int reg = registerFor(t);
  if (!known) current->externals.push_back({reg, handle, t.sizes().vec(), t.scalar_type()});
  current->handleRegister[handle] = reg;
}

void noteMade(uint32_t handle, const at::Tensor& t) {
  current->handleRegister[handle] = registerFor(t);
}

void noteGraphObstacle(const std::string& why) {
  if (current != nullptr && !current->graphObstacle) current->graphObstacle = why;
}

void add(std::string signature, const std::vector<at::Tensor>& inputs, Run run, const std::vector<at::Tensor>& outputs) {
  std::vector<int> in = registersOf(inputs), out;
  out.reserve(outputs.size());
  for (const at::Tensor& t : outputs) out.push_back(t.defined() ? registerFor(t) : kNone);
  // The wiring is part of what two recordings must agree on.
  for (int reg : in) signature += " r" + std::to_string(reg);
  signature += " ->";
  for (int reg : out) signature += " r" + std::to_string(reg);
  current->instructions.push_back({std::move(signature), std::move(in), std::move(out), std::move(run)});
}

void addConstant(const at::Tensor& t) {
  const int reg = registerFor(t);
  current->constants.emplace_back(reg, t);
  add("constant", {}, [t](const std::vector<at::Tensor>&) { return std::vector<at::Tensor>{t}; }, {t});
}

std::optional<std::string> mismatch(uint32_t a, uint32_t b) {
  const Plan &p = planAt(a), &q = planAt(b);
  if (p.instructions.size() != q.instructions.size()) {
    return "the steps ran " + std::to_string(p.instructions.size()) + " and " + std::to_string(q.instructions.size()) + " native calls";
  }
  for (size_t i = 0; i < p.instructions.size(); ++i) {
    if (p.instructions[i].signature != q.instructions[i].signature) {
      return "native call " + std::to_string(i + 1) + " differs: " + p.instructions[i].signature + " | " + q.instructions[i].signature;
    }
  }
  if (p.externals.size() != q.externals.size()) return "the steps read different numbers of tensors";
  for (size_t i = 0; i < p.externals.size(); ++i) {
    if (p.externals[i].sizes != q.externals[i].sizes || p.externals[i].dtype != q.externals[i].dtype) {
      return "input tensor " + std::to_string(i + 1) + " changed shape or dtype: " + describeShape(p.externals[i].sizes) + " | " + describeShape(q.externals[i].sizes);
    }
  }
  for (size_t i = 0; i < p.constants.size(); ++i) {
    const at::Tensor &x = p.constants[i].second, &y = q.constants[i].second;
    if (x.sizes() != y.sizes() || x.scalar_type() != y.scalar_type() || !at::equal(x, y)) {
      return "a tensor the step makes from JavaScript values changed (shape " + describeShape(x.sizes().vec()) +
             "): e.g. a number that changes each step, or random values drawn in JavaScript";
    }
  }
  return std::nullopt;
}

void finish(uint32_t id, const std::vector<uint32_t>& handles) {
  Plan& plan = planAt(id);
  if (&plan == current) throw std::logic_error("torch backend: a step plan cannot be finished while it records");
  plan.results.clear();
  for (uint32_t handle : handles) {
    auto it = plan.handleRegister.find(handle);
    if (it == plan.handleRegister.end()) throw std::invalid_argument("torch backend: a step's result was not seen while it recorded");
    plan.results.push_back(it->second);
  }
  // Keep the instructions a result depends on (those whose output aliases an input changed it in place: kept too).
  std::vector<bool> needed(plan.registers, false), made(plan.registers, false);
  for (int reg : plan.results) needed[reg] = true;
  std::vector<Instruction> kept;
  for (auto it = plan.instructions.rbegin(); it != plan.instructions.rend(); ++it) {
    bool keep = false;
    for (int out : it->outputs) {
      const bool inPlace = out != kNone && std::find(it->inputs.begin(), it->inputs.end(), out) != it->inputs.end();
      keep = keep || (out != kNone && needed[out]) || inPlace;
    }
    if (!keep) continue;
    for (int in : it->inputs) if (in != kNone) needed[in] = true;
    kept.push_back(std::move(*it));
  }
  plan.instructions.assign(std::make_move_iterator(kept.rbegin()), std::make_move_iterator(kept.rend()));
  // Every register read must come from an input or an earlier instruction.
  for (const External& external : plan.externals) made[external.reg] = true;
  std::vector<size_t> lastUse(plan.registers, 0);
  for (size_t i = 0; i < plan.instructions.size(); ++i) {
    for (int in : plan.instructions[i].inputs) {
      if (in == kNone) continue;
      if (!made[in]) throw std::invalid_argument("torch backend: the step reads a tensor made outside the recorded calls (" + plan.instructions[i].signature + ")");
      lastUse[in] = i;
    }
    for (int out : plan.instructions[i].outputs) {
      if (out != kNone && !made[out]) lastUse[out] = i;
      if (out != kNone) made[out] = true;
    }
  }
  for (int reg : plan.results) {
    if (!made[reg]) throw std::invalid_argument("torch backend: a step's result was made outside the recorded calls");
  }
  std::vector<bool> isResult(plan.registers, false);
  for (int reg : plan.results) isResult[reg] = true;
  plan.releaseAfter.assign(plan.instructions.size(), {});
  for (int reg = 0; reg < plan.registers; ++reg) {
    if (!isResult[reg] && made[reg] && !plan.instructions.empty()) plan.releaseAfter[lastUse[reg]].push_back(reg);
  }
  plan.device = deviceOf(plan);
  if (!plan.graphObstacle) plan.graphObstacle = bufferObstacle(plan);
  // The recording's own references go: a plan holds only its constants.
  plan.registerOf.clear();
  plan.handleRegister.clear();
  plan.seen.clear();
}

std::vector<at::Tensor> replay(uint32_t id, const std::vector<at::Tensor>& inputs) {
  Plan& plan = planAt(id);
  if (inputs.size() != plan.externals.size()) {
    throw std::invalid_argument("torch backend: step plan takes " + std::to_string(plan.externals.size()) + " inputs, got " + std::to_string(inputs.size()));
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    const External& external = plan.externals[i];
    if (inputs[i].sizes() != at::IntArrayRef(external.sizes) || inputs[i].scalar_type() != external.dtype) {
      throw std::invalid_argument("torch backend: step input " + std::to_string(i + 1) + " is " + describeShape(inputs[i].sizes().vec()) +
                                  ", recorded as " + describeShape(external.sizes));
    }
  }
  if (!wantsBuffers(plan)) return runInstructions(plan, inputs);
  if (!plan.buffered) {
    // A graph is captured on the second replay: the first, as calls, initialises what they use lazily.
    if (mode == GraphMode::automatic && plan.unbufferedReplays++ == 0) return runInstructions(plan, inputs);
    if (!setUpBuffers(plan, inputs)) return runInstructions(plan, inputs);
  }
  return replayThroughBuffers(plan, inputs);
}

bool drop(uint32_t id) {
  if (current != nullptr && id == currentId) abandon();
  return plans.erase(id) == 1;
}

size_t instructionCount(uint32_t id) {
  return planAt(id).instructions.size();
}

void setGraphMode(GraphMode m) {
  mode = m;
}

GraphMode graphMode() {
  return mode;
}

std::optional<GraphState> graphState(uint32_t id) {
  auto it = plans.find(id);
  if (it == plans.end()) return std::nullopt;
  const Plan& plan = *it->second;
  if (plan.buffered && wantsBuffers(plan)) return GraphState{plan.graph ? "graph" : "buffers", ""};
  if (wantsBuffers(plan)) return GraphState{"pending", ""};
  if (plan.graphObstacle) return GraphState{"calls", *plan.graphObstacle};
  if (mode == GraphMode::off) return GraphState{"calls", "step graphs are off"};
  if (!plan.device.is_cuda()) return GraphState{"calls", "it runs on " + plan.device.str() + ", not cuda"};
  return GraphState{"calls", "this build of the addon has no CUDA graphs"};
}

}  // namespace mimo::recording
