// The addon's entry points run in inference mode (napi_guard.h); this path leaves it for the forward and the backward,
// on clones of the inputs (inference tensors cannot be saved for a backward pass), and keeps each forward's graph
// beside its states tensor until the states are freed. The forward cannot know whether a backward will follow
// (inference runs it too), so it always records: the graph's memory lasts as long as the states do.
#include "libtorch_lstm.h"

#include <ATen/ATen.h>
#include <ATen/ops/_cudnn_rnn_flatten_weight.h>
#include <c10/core/GradMode.h>
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
  std::vector<at::Tensor> leaves;     // x, PyTorch's w_ih and w_hh, b_ih (when there is a bias), h0, c0, in that order
};

// Keyed by the states tensor; an entry whose states were freed is dropped at the next forward.
std::unordered_map<const c10::TensorImpl*, Graph> graphs;

void dropFreedGraphs() {
  for (auto it = graphs.begin(); it != graphs.end();) it = it->second.states.expired() ? graphs.erase(it) : std::next(it);
}

// Lays the weights out in one buffer the way cuDNN reads them, as nn.LSTM's flatten_parameters does: at::lstm then
// uses them in place, where it would otherwise warn and compact them at every call. The tensors become views into it.
void flattenForCudnn(const std::vector<at::Tensor>& params, int64_t features, int64_t units) {
  constexpr int64_t kCudnnLstmMode = 2;  // CUDNN_LSTM
  c10::NoGradGuard noGrad;
  at::_cudnn_rnn_flatten_weight(params, static_cast<int64_t>(params.size()), features, kCudnnLstmMode, units, /*proj_size=*/0, /*num_layers=*/1,
                                /*batch_first=*/true, /*bidirectional=*/false);
}

// Each row's length when `mask` holds its steps first (ones, then zeros): → { lengths (int64, cpu), whether every row
// runs every step }; undefined lengths when the mask has holes or padding first.
std::pair<at::Tensor, bool> lengthsOfLeadingSteps(const at::Tensor& mask) {
  const at::Tensor valid = mask.gt(0).cpu();  // waits for the device: packing takes its lengths on the cpu
  const at::Tensor lengths = valid.sum(1);
  const at::Tensor leading = at::arange(valid.size(1), lengths.options()).unsqueeze(0).lt(lengths.unsqueeze(1));
  if (!leading.equal(valid)) return {at::Tensor(), false};
  return {lengths, valid.all().item<bool>()};
}

using Outputs = std::tuple<at::Tensor, at::Tensor, at::Tensor>;  // sequence [batch, steps, units], last h and c [1, batch, units]

// at::lstm over each row's first `lengths` steps, as PyTorch's packed sequences (sorted by length, at least 1), then
// tfjs-layers' masking after them: the last state carried to the end, the initial state kept by a row of no steps.
// `mask` is the one the lengths came from (on x's device), each row's steps first.
Outputs lstmOverLengths(const at::Tensor& x, const at::Tensor& h0, const at::Tensor& c0, const std::vector<at::Tensor>& params, bool withBias,
                        const at::Tensor& lengths, const at::Tensor& mask) {
  const int64_t steps = x.size(1);
  const auto [sortedLengths, order] = lengths.clamp_min(1).sort(/*dim=*/0, /*descending=*/true);
  const at::Tensor sorted = order.to(x.device()), unsorted = order.argsort().to(x.device());
  const auto [data, batchSizes] = at::_pack_padded_sequence(x.index_select(0, sorted), sortedLengths, /*batch_first=*/true);
  const std::vector<at::Tensor> initial{h0.index_select(0, sorted).unsqueeze(0), c0.index_select(0, sorted).unsqueeze(0)};
  const auto [packed, hN, cN] = at::lstm(data, batchSizes, initial, params, withBias, /*num_layers=*/1, /*dropout=*/0.0, /*train=*/true, /*bidirectional=*/false);
  const at::Tensor padded = std::get<0>(at::_pad_packed_sequence(packed, batchSizes, /*batch_first=*/true, /*padding_value=*/0.0, steps));
  const at::Tensor valid = mask.gt(0);
  const at::Tensor ran = valid.select(1, 0).view({1, -1, 1});  // a row with any step has its first one
  const at::Tensor lastH = at::where(ran, hN.index_select(1, unsorted), h0.unsqueeze(0)), lastC = at::where(ran, cN.index_select(1, unsorted), c0.unsqueeze(0));
  return {at::where(valid.unsqueeze(2), padded.index_select(0, unsorted), lastH[0].unsqueeze(1)), lastH, lastC};
}

}  // namespace

std::optional<std::vector<at::Tensor>> tryLibtorchLstmForward(const RecurrentInputs& in) {
  if (in.gate != GateActivation::Sigmoid || in.x.size(0) == 0 || in.atenOps || !(in.x.is_cuda() || in.libtorchLstm)) return std::nullopt;
  at::Tensor lengths;  // undefined: every row runs every step, at::lstm unpacked
  if (in.mask.defined()) {
    const auto [leading, full] = lengthsOfLeadingSteps(in.mask);
    if (!leading.defined()) return std::nullopt;
    if (!full) lengths = leading;
  }
  const int64_t batch = in.x.size(0), steps = in.x.size(1), features = in.x.size(2), units = in.recurrentKernel.size(0);
  const bool withBias = in.bias.defined();
  std::vector<at::Tensor> leaves;
  at::Tensor sequence, lastH, lastC;
  {
    c10::InferenceMode recording(false);
    auto copy = [](const at::Tensor& t) { return t.clone(at::MemoryFormat::Contiguous); };
    // PyTorch's weights are [gates·units, inputs], gates i, f, g, o: tfjs-layers' kernels transposed, same gate order.
    std::vector<at::Tensor> params{copy(in.kernel.t()), copy(in.recurrentKernel.t())};
    if (withBias) {
      params.push_back(copy(in.bias));
      params.push_back(at::zeros_like(in.bias));  // PyTorch adds a second, recurrent bias; tfjs-layers has one
    }
    if (in.x.is_cuda() && at::globalContext().hasCuDNN()) flattenForCudnn(params, features, units);
    for (const at::Tensor& t : {copy(in.x), params[0], params[1]}) leaves.push_back(t);
    if (withBias) leaves.push_back(params[2]);
    for (const at::Tensor& t : {copy(in.h0), copy(in.c0)}) leaves.push_back(t);
    for (at::Tensor& leaf : leaves) leaf.requires_grad_(true);
    const at::Tensor &x = leaves[0], &h0 = leaves[leaves.size() - 2], &c0 = leaves.back();
    std::tie(sequence, lastH, lastC) =
        lengths.defined() ? lstmOverLengths(x, h0, c0, params, withBias, lengths, in.mask)
                          : at::lstm(x, {h0.unsqueeze(0), c0.unsqueeze(0)}, params, withBias, /*num_layers=*/1, /*dropout=*/0.0, /*train=*/true,
                                     /*bidirectional=*/false, /*batch_first=*/true);
  }
  at::Tensor states = at::zeros({batch, steps, 6 * units}, in.x.options());
  states.narrow(2, 0, units).copy_(sequence.detach());
  states.select(1, steps - 1).narrow(1, units, units).copy_(lastC.detach()[0]);
  dropFreedGraphs();
  Graph graph{c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>(states.getIntrusivePtr()), sequence, lastH, lastC, std::move(leaves)};
  graphs.insert_or_assign(states.unsafeGetTensorImpl(), std::move(graph));
  return std::vector<at::Tensor>{states};
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
    grads = torch::autograd::grad({h, graph.lastC}, graph.leaves, {dh.contiguous(), dLastC.contiguous()}, /*retain_graph=*/true);
  }
  // Back to tfjs-layers' layout: kernels [inputs, gates·units]; no bias gradient without a bias.
  grads[1] = grads[1].t().contiguous();
  grads[2] = grads[2].t().contiguous();
  if (!in.bias.defined()) grads.insert(grads.begin() + 3, at::Tensor());
  return grads;
}

}  // namespace mimo
