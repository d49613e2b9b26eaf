// The addon's entry points run in inference mode (napi_guard.h); this path leaves it for the forward and the backward,
// on clones of the inputs (inference tensors cannot be saved for a backward pass), and keeps each forward's graph
// beside its states tensor until the states are freed. The forward cannot know whether a backward will follow
// (inference runs it too), so it always records: the graph's memory lasts as long as the states do.
#include "libtorch_rnn.h"

#include "step_recording.h"

#include <ATen/ATen.h>
#include <ATen/ops/_cudnn_rnn_flatten_weight.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>

#include <stdexcept>
#include <unordered_map>

namespace mimo {

namespace {

// One forward's autograd graph: at::lstm's / at::gru's outputs and the leaves the backward differentiates them by.
struct Graph {
  c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl> states;
  LibtorchCell cell;
  at::Tensor sequence, lastH, lastC;  // [batch, steps, units], [1, batch, units], [1, batch, units] (LSTM; else undefined)
  std::vector<at::Tensor> leaves;     // x, PyTorch's w_ih and w_hh, b_ih and the GRU's b_hh (with a bias), h0, the LSTM's c0
};

// Keyed by the states tensor; an entry whose states were freed is dropped at the next forward.
std::unordered_map<const c10::TensorImpl*, Graph> graphs;

void dropFreedGraphs() {
  for (auto it = graphs.begin(); it != graphs.end();) it = it->second.states.expired() ? graphs.erase(it) : std::next(it);
}

// Lays the weights out in one buffer the way cuDNN reads them, as nn.LSTM's / nn.GRU's flatten_parameters does: the
// op then uses them in place, where it would otherwise warn and compact them at every call. The tensors become views into it.
void flattenForCudnn(const std::vector<at::Tensor>& params, int64_t features, int64_t units, LibtorchCell cell) {
  const int64_t mode = cell == LibtorchCell::Lstm ? 2 : 3;  // cudnnRNNMode_t: CUDNN_LSTM, CUDNN_GRU
  c10::NoGradGuard noGrad;
  at::_cudnn_rnn_flatten_weight(params, static_cast<int64_t>(params.size()), features, mode, units, /*proj_size=*/0, /*num_layers=*/1,
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

// PyTorch's GRU gates are r, z, n, Keras's z, r, h: the first two blocks of `units` along the last dimension swapped
// (its own inverse). The LSTM's gates are i, f, g, o in both.
at::Tensor swapFirstGates(const at::Tensor& t, int64_t units) {
  return at::cat({t.narrow(-1, units, units), t.narrow(-1, 0, units), t.narrow(-1, 2 * units, units)}, -1);
}

using Outputs = std::tuple<at::Tensor, at::Tensor, at::Tensor>;  // output, last h and the LSTM's last c [1, batch, units]

// at::lstm / at::gru over x [batch, steps, features], or over packed data when `batchSizes` is defined (the fields of
// PyTorch's PackedSequence); h0 and c0 are [1, batch, units].
Outputs runCell(LibtorchCell cell, const at::Tensor& x, const at::Tensor& batchSizes, const at::Tensor& h0, const at::Tensor& c0,
                const std::vector<at::Tensor>& params, bool withBias) {
  const bool packed = batchSizes.defined();
  if (cell == LibtorchCell::Lstm) {
    const std::vector<at::Tensor> initial{h0, c0};
    return packed ? at::lstm(x, batchSizes, initial, params, withBias, /*num_layers=*/1, /*dropout=*/0.0, /*train=*/true, /*bidirectional=*/false)
                  : at::lstm(x, initial, params, withBias, /*num_layers=*/1, /*dropout=*/0.0, /*train=*/true, /*bidirectional=*/false, /*batch_first=*/true);
  }
  const auto [output, lastH] = packed ? at::gru(x, batchSizes, h0, params, withBias, /*num_layers=*/1, /*dropout=*/0.0, /*train=*/true, /*bidirectional=*/false)
                                      : at::gru(x, h0, params, withBias, /*num_layers=*/1, /*dropout=*/0.0, /*train=*/true, /*bidirectional=*/false, /*batch_first=*/true);
  return {output, lastH, at::Tensor()};
}

// The cell over each row's first `lengths` steps, as PyTorch's packed sequences (sorted by length, at least 1), then
// tfjs-layers' masking after them: the last state carried to the end, the initial state kept by a row of no steps.
// `mask` is the one the lengths came from (on x's device), each row's steps first.
Outputs overLengths(LibtorchCell cell, const at::Tensor& x, const at::Tensor& h0, const at::Tensor& c0, const std::vector<at::Tensor>& params,
                    bool withBias, const at::Tensor& lengths, const at::Tensor& mask) {
  const int64_t steps = x.size(1);
  const auto [sortedLengths, order] = lengths.clamp_min(1).sort(/*dim=*/0, /*descending=*/true);
  const at::Tensor sorted = order.to(x.device()), unsorted = order.argsort().to(x.device());
  const auto [data, batchSizes] = at::_pack_padded_sequence(x.index_select(0, sorted), sortedLengths, /*batch_first=*/true);
  auto sortedState = [&](const at::Tensor& t) { return t.defined() ? t.index_select(0, sorted).unsqueeze(0) : at::Tensor(); };
  const auto [packed, hN, cN] = runCell(cell, data, batchSizes, sortedState(h0), sortedState(c0), params, withBias);
  const at::Tensor padded = std::get<0>(at::_pad_packed_sequence(packed, batchSizes, /*batch_first=*/true, /*padding_value=*/0.0, steps));
  const at::Tensor valid = mask.gt(0);
  const at::Tensor ran = valid.select(1, 0).view({1, -1, 1});  // a row with any step has its first one
  const at::Tensor lastH = at::where(ran, hN.index_select(1, unsorted), h0.unsqueeze(0));
  const at::Tensor lastC = cN.defined() ? at::where(ran, cN.index_select(1, unsorted), c0.unsqueeze(0)) : at::Tensor();
  return {at::where(valid.unsqueeze(2), padded.index_select(0, unsorted), lastH[0].unsqueeze(1)), lastH, lastC};
}

}  // namespace

std::optional<std::vector<at::Tensor>> tryLibtorchRnnForward(const RecurrentInputs& in, LibtorchCell cell) {
  if (in.gate != GateActivation::Sigmoid || in.x.size(0) == 0 || in.atenOps || !(in.x.is_cuda() || in.libtorchRnn)) return std::nullopt;
  at::Tensor lengths;  // undefined: every row runs every step, unpacked
  if (in.mask.defined()) {
    if (!in.mask.is_cpu()) recording::noteGraphObstacle("it reads its LSTM / GRU mask on the host, for cuDNN's lengths");
    const auto [leading, full] = lengthsOfLeadingSteps(in.mask);
    if (!leading.defined()) return std::nullopt;
    if (!full) lengths = leading;
  }
  const bool lstm = cell == LibtorchCell::Lstm;
  const int64_t batch = in.x.size(0), steps = in.x.size(1), features = in.x.size(2), units = in.recurrentKernel.size(0);
  const bool withBias = in.bias.defined();
  std::vector<at::Tensor> leaves;
  at::Tensor sequence, lastH, lastC;
  {
    c10::InferenceMode recording(false);
    auto copy = [](const at::Tensor& t) { return t.clone(at::MemoryFormat::Contiguous); };
    // PyTorch's weights are [gates·units, inputs]: tfjs-layers' kernels transposed, the GRU's first two gates swapped.
    auto pytorchLayout = [&](const at::Tensor& t) { return lstm ? t : swapFirstGates(t, units); };
    std::vector<at::Tensor> params{copy(pytorchLayout(in.kernel).t()), copy(pytorchLayout(in.recurrentKernel).t())};
    if (withBias && lstm) {
      params.push_back(copy(in.bias));
      params.push_back(at::zeros_like(in.bias));  // PyTorch adds a second, recurrent bias; tfjs-layers' LSTM has one
    } else if (withBias) {
      params.push_back(copy(pytorchLayout(in.bias[0])));  // the input bias, then the recurrent one: Keras's rows
      params.push_back(copy(pytorchLayout(in.bias[1])));
    }
    if (in.x.is_cuda() && at::globalContext().hasCuDNN()) flattenForCudnn(params, features, units, cell);
    leaves = {copy(in.x), params[0], params[1]};
    if (withBias) leaves.push_back(params[2]);
    if (withBias && !lstm) leaves.push_back(params[3]);
    leaves.push_back(copy(in.h0));
    if (lstm) leaves.push_back(copy(in.c0));
    for (at::Tensor& leaf : leaves) leaf.requires_grad_(true);
    const at::Tensor& x = leaves[0];
    const at::Tensor& h0 = leaves[leaves.size() - (lstm ? 2 : 1)];
    const at::Tensor c0 = lstm ? leaves.back() : at::Tensor();
    std::tie(sequence, lastH, lastC) = lengths.defined() ? overLengths(cell, x, h0, c0, params, withBias, lengths, in.mask)
                                                         : runCell(cell, x, at::Tensor(), h0.unsqueeze(0), lstm ? c0.unsqueeze(0) : c0, params, withBias);
  }
  at::Tensor states = at::zeros({batch, steps, (lstm ? 6 : 5) * units}, in.x.options());
  states.narrow(2, 0, units).copy_(sequence.detach());
  if (lstm) states.select(1, steps - 1).narrow(1, units, units).copy_(lastC.detach()[0]);
  dropFreedGraphs();
  Graph graph{c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>(states.getIntrusivePtr()), cell, sequence, lastH, lastC, std::move(leaves)};
  graphs.insert_or_assign(states.unsafeGetTensorImpl(), std::move(graph));
  return std::vector<at::Tensor>{states};
}

size_t libtorchRnnGraphsKept() {
  dropFreedGraphs();
  return graphs.size();
}

bool libtorchRnnRecorded(const at::Tensor& states) {
  auto found = graphs.find(states.unsafeGetTensorImpl());
  return found != graphs.end() && !found->second.states.expired();
}

std::vector<at::Tensor> libtorchRnnBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates) {
  const Graph& graph = graphs.at(states.unsafeGetTensorImpl());
  const bool lstm = graph.cell == LibtorchCell::Lstm;
  const int64_t steps = in.x.size(1), units = in.recurrentKernel.size(0);
  std::vector<at::Tensor> grads;
  {
    c10::InferenceMode recording(false);
    // A gradient for every step reaches the sequence; one for the last step only reaches the last h.
    const bool everyStep = dStates.size(1) == steps;
    std::vector<at::Tensor> outputs{everyStep ? graph.sequence : graph.lastH};
    std::vector<at::Tensor> gradients{(everyStep ? dStates.narrow(2, 0, units) : dStates.select(1, 0).narrow(1, 0, units).unsqueeze(0)).contiguous()};
    if (lstm) {
      outputs.push_back(graph.lastC);
      gradients.push_back(dStates.select(1, dStates.size(1) - 1).narrow(1, units, units).unsqueeze(0).contiguous());
    }
    // Kept, not freed: a second backward of the same forward (tf.grads twice) reads the graph again.
    grads = torch::autograd::grad(outputs, graph.leaves, gradients, /*retain_graph=*/true);
  }
  // Back to tfjs-layers' layout: kernels [inputs, gates·units], the GRU's first two gates swapped back; its bias
  // gradient [2, 3·units]; none without a bias. Then dh0 and the LSTM's dc0.
  auto kerasLayout = [&](const at::Tensor& g) { return lstm ? g : swapFirstGates(g, units); };
  std::vector<at::Tensor> out{grads[0], kerasLayout(grads[1].t()).contiguous(), kerasLayout(grads[2].t()).contiguous()};
  size_t next = 3;
  if (!in.bias.defined()) out.push_back(at::Tensor());
  else if (lstm) out.push_back(grads[next++]);
  else {
    out.push_back(at::stack({kerasLayout(grads[3]), kerasLayout(grads[4])}));
    next = 5;
  }
  out.insert(out.end(), grads.begin() + static_cast<std::ptrdiff_t>(next), grads.end());
  return out;
}

}  // namespace mimo
