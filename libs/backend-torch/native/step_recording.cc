#include "step_recording.h"

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
  // Recording only: which register a tensor and a handle are, and every tensor seen (kept alive so that a freed
  // tensor's address cannot come back as another tensor's).
  std::unordered_map<const c10::TensorImpl*, int> registerOf;
  std::unordered_map<uint32_t, int> handleRegister;
  std::vector<at::Tensor> seen;
};

std::map<uint32_t, std::unique_ptr<Plan>> plans;
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
  // The recording's own references go: a plan holds only its constants.
  plan.registerOf.clear();
  plan.handleRegister.clear();
  plan.seen.clear();
}

std::vector<at::Tensor> replay(uint32_t id, const std::vector<at::Tensor>& inputs) {
  const Plan& plan = planAt(id);
  if (inputs.size() != plan.externals.size()) {
    throw std::invalid_argument("torch backend: step plan takes " + std::to_string(plan.externals.size()) + " inputs, got " + std::to_string(inputs.size()));
  }
  std::vector<at::Tensor> regs(plan.registers);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const External& external = plan.externals[i];
    if (inputs[i].sizes() != at::IntArrayRef(external.sizes) || inputs[i].scalar_type() != external.dtype) {
      throw std::invalid_argument("torch backend: step input " + std::to_string(i + 1) + " is " + describeShape(inputs[i].sizes().vec()) +
                                  ", recorded as " + describeShape(external.sizes));
    }
    regs[external.reg] = inputs[i];
  }
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

bool drop(uint32_t id) {
  if (current != nullptr && id == currentId) abandon();
  return plans.erase(id) == 1;
}

size_t instructionCount(uint32_t id) {
  return planAt(id).instructions.size();
}

}  // namespace mimo::recording
