// The addon's entry points run in inference mode (napi_guard.h); this path leaves it for the forward and the backward,
// on clones of the inputs (inference tensors cannot be saved for a backward pass), and keeps each forward's graph
// beside its states tensor until the backward reads it or the states are freed.
#include "libtorch_lstm.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>

#include <stdexcept>
#include <unordered_map>

namespace mimo {

namespace {

// One forward's autograd graph: at::lstm's outputs and the leaves the backward differentiates them by.
struct Graph {
  c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl> states;
  at::Tensor sequence, lastH, lastC;  // [batch, steps, units], [1, batch, units], [1, batch, units]
  std::vector<at::Tensor> leaves;     // x, kernel, recurrentKernel, bias (when there is one), h0, c0, in that order
};

// Keyed by the states tensor; an entry whose states were freed is dropped at the next forward.
std::unordered_map<const c10::TensorImpl*, Graph> graphs;

void dropFreedGraphs() {
  for (auto it = graphs.begin(); it != graphs.end();) it = it->second.states.expired() ? graphs.erase(it) : std::next(it);
}

}  // namespace

bool libtorchLstmFits(const RecurrentInputs& in) {
  return !in.mask.defined() && in.gate == GateActivation::Sigmoid && in.x.size(0) > 0 && (in.x.is_cuda() || in.libtorchLstm);
}

std::vector<at::Tensor> libtorchLstmForward(const RecurrentInputs& in) {
  const int64_t batch = in.x.size(0), steps = in.x.size(1), units = in.recurrentKernel.size(0);
  std::vector<at::Tensor> leaves;
  at::Tensor sequence, lastH, lastC;
  {
    c10::InferenceMode recording(false);
    auto leaf = [&leaves](const at::Tensor& t) { return leaves.emplace_back(t.clone().requires_grad_(true)); };
    const bool withBias = in.bias.defined();
    // PyTorch's weights are [gates·units, inputs], gates i, f, g, o: tfjs-layers' kernels transposed, same gate order.
    at::Tensor x = leaf(in.x);
    std::vector<at::Tensor> params{leaf(in.kernel).t(), leaf(in.recurrentKernel).t()};
    if (withBias) {
      params.push_back(leaf(in.bias));
      params.push_back(at::zeros_like(in.bias));  // PyTorch adds a second, recurrent bias; tfjs-layers has one
    }
    std::vector<at::Tensor> initial{leaf(in.h0).unsqueeze(0), leaf(in.c0).unsqueeze(0)};
    std::tie(sequence, lastH, lastC) =
        at::lstm(x, initial, params, withBias, /*num_layers=*/1, /*dropout=*/0.0, /*train=*/true, /*bidirectional=*/false, /*batch_first=*/true);
  }
  at::Tensor states = at::zeros({batch, steps, 2 * units}, in.x.options());
  states.narrow(2, 0, units).copy_(sequence.detach());
  states.select(1, steps - 1).narrow(1, units, units).copy_(lastC.detach()[0]);
  dropFreedGraphs();
  Graph graph{c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>(states.getIntrusivePtr()), sequence, lastH, lastC, std::move(leaves)};
  graphs.insert_or_assign(states.unsafeGetTensorImpl(), std::move(graph));
  return {states};
}

size_t libtorchLstmGraphsKept() {
  dropFreedGraphs();
  return graphs.size();
}

bool libtorchLstmRecorded(const at::Tensor& states) {
  auto found = graphs.find(states.unsafeGetTensorImpl());
  return found != graphs.end() && !found->second.states.expired();
}

std::vector<at::Tensor> libtorchLstmBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates) {
  const Graph& graph = graphs.at(states.unsafeGetTensorImpl());
  const int64_t steps = in.x.size(1), units = in.recurrentKernel.size(0);
  at::Tensor dLastC = dStates.select(1, dStates.size(1) - 1).narrow(1, units, units).unsqueeze(0);
  std::vector<at::Tensor> grads;
  {
    c10::InferenceMode recording(false);
    // A gradient for every step reaches the sequence; one for the last step only reaches the last h.
    const bool everyStep = dStates.size(1) == steps;
    const at::Tensor& h = everyStep ? graph.sequence : graph.lastH;
    at::Tensor dh = everyStep ? dStates.narrow(2, 0, units) : dStates.select(1, 0).narrow(1, 0, units).unsqueeze(0);
    // Kept, not freed: a second backward of the same forward (tf.grads twice) reads the graph again.
    grads = torch::autograd::grad({h, graph.lastC}, graph.leaves, {dh, dLastC}, /*retain_graph=*/true);
  }
  if (!in.bias.defined()) grads.insert(grads.begin() + 3, at::Tensor());
  return grads;
}

}  // namespace mimo
