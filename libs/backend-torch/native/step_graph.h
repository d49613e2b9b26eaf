// A replayed step (step_recording.h) on a CUDA device as one CUDA graph: its kernels are captured once and then
// launched with one call a step, without ATen's work per operator. Compiled in where libtorch is a CUDA build and
// the CUDA runtime's headers are found (scripts/find-libtorch.js cuda defines MIMO_CUDA_GRAPHS); elsewhere
// `available()` is false and `capture` throws.
#pragma once

#include <c10/core/Device.h>

#include <functional>
#include <memory>

namespace mimo::step_graph {

/** Whether this build captures CUDA graphs. */
bool available();

/** A captured graph; destroying it frees the memory its kernels use. */
class Graph {
 public:
  virtual ~Graph() = default;
  /** Runs the captured kernels on the device's current stream. */
  virtual void launch() = 0;
};

/**
 * Captures the kernels `body` launches on `device` (on a stream of its own: nothing runs) → the graph. Throws when
 * `body` throws or does what a capture forbids (reading a device value on the host, for one); the graph is then
 * dropped.
 */
std::unique_ptr<Graph> capture(c10::Device device, const std::function<void()>& body);

}  // namespace mimo::step_graph
