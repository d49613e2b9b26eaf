#include "step_graph.h"

#include <optional>
#include <stdexcept>

#ifdef MIMO_CUDA_GRAPHS
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAStream.h>
#endif

namespace mimo::step_graph {

#ifdef MIMO_CUDA_GRAPHS

namespace {

// The current device and its current stream set for a scope, put back as they were after it.
class OnDeviceStream {
 public:
  OnDeviceStream(c10::DeviceIndex device, const c10::cuda::CUDAStream* stream) : previousDevice_(c10::cuda::current_device()) {
    c10::cuda::set_device(device);
    previousStream_.emplace(c10::cuda::getCurrentCUDAStream(device));
    if (stream != nullptr) c10::cuda::setCurrentCUDAStream(*stream);
  }
  ~OnDeviceStream() {
    c10::cuda::setCurrentCUDAStream(*previousStream_);
    c10::cuda::set_device(previousDevice_);
  }

 private:
  c10::DeviceIndex previousDevice_;
  std::optional<c10::cuda::CUDAStream> previousStream_;
};

class CudaGraph final : public Graph {
 public:
  explicit CudaGraph(c10::DeviceIndex device) : device_(device) {}
  void launch() override {
    // On the stream the step's inputs were written on: the graph's kernels follow them.
    OnDeviceStream on(device_, nullptr);
    graph.replay();
  }
  at::cuda::CUDAGraph graph;

 private:
  c10::DeviceIndex device_;
};

}  // namespace

bool available() {
  return true;
}

std::unique_ptr<Graph> capture(c10::Device device, const std::function<void()>& body) {
  if (!device.is_cuda()) throw std::invalid_argument("torch backend: CUDA graphs capture on a cuda device, not " + device.str());
  const c10::DeviceIndex index = device.has_index() ? device.index() : c10::cuda::current_device();
  auto captured = std::make_unique<CudaGraph>(index);
  // A capture needs a stream other than the device's default one; replays may run on any.
  const c10::cuda::CUDAStream side = c10::cuda::getStreamFromPool(false, index);
  OnDeviceStream on(index, &side);
  captured->graph.capture_begin();
  try {
    body();
  } catch (...) {
    // End the (possibly invalidated) capture so that the stream works again; its own error says less than ours.
    try {
      captured->graph.capture_end();
    } catch (...) {
    }
    throw;
  }
  captured->graph.capture_end();
  return captured;
}

#else

bool available() {
  return false;
}

std::unique_ptr<Graph> capture(c10::Device, const std::function<void()>&) {
  throw std::logic_error("torch backend: this build of the addon has no CUDA graphs (a CUDA libtorch and the CUDA headers are needed when it builds)");
}

#endif

}  // namespace mimo::step_graph
