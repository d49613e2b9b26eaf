// Whole-step replay: between `begin` and `end` every entry point of the addon that makes tensors (a boxed ATen
// call, the recurrent and Adam ops, Step, a constant from JavaScript) is also written down as an instruction over
// registers, one register per distinct tensor. A finished recording is a plan: replaying it runs the same
// instructions with the same arguments on new input tensors in one native call, with tfjs's engine, its tape and
// the N-API round trips out of the loop. The same ATen calls on the same inputs give the same numbers. On a CUDA
// device, where the build has CUDA graphs (step_graph.h), a plan's second replay captures its kernels as a graph
// that later replays launch in one call.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mimo::recording {

/** Runs one recorded instruction on its input tensors (undefined where the recording had none). */
using Run = std::function<std::vector<at::Tensor>(const std::vector<at::Tensor>& inputs)>;

/** Whether a recording is under way. */
bool active();

/** Starts a recording (throws when one is under way). */
void begin();

/** Ends the recording; → its plan id and the handles (at recording time) of the tensors it read but did not make. */
struct Ended {
  uint32_t plan;
  std::vector<uint32_t> externalHandles;
};
Ended end();

/** Drops the recording under way, if any (its step failed). */
void abandon();

/** The store saw `handle` looked up (an instruction's input) / made (an instruction's output). */
void noteLookup(uint32_t handle, const at::Tensor& t);
void noteMade(uint32_t handle, const at::Tensor& t);

/**
 * Writes down an instruction: `signature` names it with its non-tensor arguments (two recordings of one step
 * must agree on it), `inputs` / `outputs` are the tensors it read and made, in the order `run` takes and
 * returns them.
 */
void add(std::string signature, const std::vector<at::Tensor>& inputs, Run run, const std::vector<at::Tensor>& outputs);

/** Writes down a constant the step made from JavaScript values: replays hand out the same tensor. */
void addConstant(const at::Tensor& t);

/** Why plans `a` and `b` would not replay alike (another instruction, argument or constant), or nullopt. */
std::optional<std::string> mismatch(uint32_t a, uint32_t b);

/**
 * Fixes which tensors a replay returns: the tensors behind `handles` at recording time. Instructions that
 * nothing returned depends on are dropped. Throws when the plan cannot be replayed (a tensor it reads was
 * made outside the recorded entry points).
 */
void finish(uint32_t plan, const std::vector<uint32_t>& handles);

/** Runs plan `plan` on `inputs` (in the order of `Ended::externalHandles`); → the tensors `finish` named. */
std::vector<at::Tensor> replay(uint32_t plan, const std::vector<at::Tensor>& inputs);

/** Drops a plan; true when it existed. */
bool drop(uint32_t plan);

/** Instructions a plan runs (after `finish`). */
size_t instructionCount(uint32_t plan);

/**
 * How replays run: `automatic` (the default) as a CUDA graph on a CUDA device where the build has them, else one
 * call after another; `off` never as a graph; `buffers` on any device through the inputs and results a graph
 * keeps, but calling the instructions (how machines without a GPU test that part).
 */
enum class GraphMode { automatic, off, buffers };
void setGraphMode(GraphMode mode);
GraphMode graphMode();

/**
 * The step under recording, if any, cannot replay through buffers of its own, `why`: it reads a device value on the
 * host (which a graph cannot), or writes a tensor in place (which may be one it reads, then copied into a buffer).
 */
void noteGraphObstacle(const std::string& why);

/** How a plan's replays run: "graph", "buffers", "pending" (the next replay captures a graph) or "calls", and why not a graph; nullopt for a plan that is gone. */
struct GraphState {
  std::string mode;
  std::string reason;
};
std::optional<GraphState> graphState(uint32_t plan);

}  // namespace mimo::recording
