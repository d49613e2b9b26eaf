#include "recurrent_support.h"

#include <ATen/ATen.h>

#include <stdexcept>
#include <string>

#include "matmul.h"

namespace mimo::rnn {

namespace {

void expectShape(const at::Tensor& t, const std::vector<int64_t>& shape, const char* what) {
  if (t.sizes().vec() == shape) return;
  std::string expected, received;
  for (int64_t d : shape) expected += (expected.empty() ? "" : ", ") + std::to_string(d);
  for (int64_t d : t.sizes()) received += (received.empty() ? "" : ", ") + std::to_string(d);
  throw std::invalid_argument(std::string("torch backend: recurrent ") + what + " must have shape [" + expected + "]. Received: [" + received + "]");
}

}  // namespace

at::Tensor gate(const at::Tensor& z, GateActivation activation) {
  if (activation == GateActivation::Sigmoid) return at::sigmoid(z);
  return (z * 0.2).add_(0.5).clamp_(0, 1);  // tfjs-layers' hardSigmoid: clip(0.2·z + 0.5, 0, 1)
}

void gateInto(at::Tensor& out, const at::Tensor& z, GateActivation activation) {
  if (activation == GateActivation::Sigmoid) at::sigmoid_out(out, z);
  else out.copy_(z).mul_(0.2).add_(0.5).clamp_(0, 1);
}

at::Tensor gateSlope(const at::Tensor& y, GateActivation activation) {
  if (activation == GateActivation::Sigmoid) return y * (1 - y);
  return y.gt(0).logical_and_(y.lt(1)).to(y.scalar_type()).mul_(0.2);
}

void validate(const RecurrentInputs& in, int64_t gates, bool withCell, int64_t biasRows) {
  if (in.x.dim() != 3 || in.x.size(1) < 1) throw std::invalid_argument("torch backend: recurrent x must be [batch, steps ≥ 1, features]");
  const int64_t batch = in.x.size(0), steps = in.x.size(1), features = in.x.size(2), units = in.recurrentKernel.size(0);
  expectShape(in.kernel, {features, gates * units}, "kernel");
  expectShape(in.recurrentKernel, {units, gates * units}, "recurrentKernel");
  if (in.bias.defined()) expectShape(in.bias, biasRows == 1 ? std::vector<int64_t>{gates * units} : std::vector<int64_t>{biasRows, gates * units}, "bias");
  if (in.mask.defined()) expectShape(in.mask, {batch, steps}, "mask");
  expectShape(in.h0, {batch, units}, "initial h");
  if (withCell) expectShape(in.c0, {batch, units}, "initial c");
}

void validateStates(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates, int64_t width) {
  const std::vector<int64_t> shape{in.x.size(0), in.x.size(1), width};
  expectShape(states, shape, "states");
  if (dStates.sizes().vec() != std::vector<int64_t>{in.x.size(0), 1, width}) expectShape(dStates, shape, "states gradient");
}


at::Tensor everyStepGradient(const at::Tensor& dStates, int64_t steps) {
  if (everyStep(dStates, steps)) return dStates;
  at::Tensor full = at::zeros({dStates.size(0), steps, dStates.size(2)}, dStates.options());
  full.narrow(1, steps - 1, 1).copy_(dStates);
  return full;
}

at::Tensor statesWithProjectedInputs(const RecurrentInputs& in, int64_t width, const at::Tensor& bias) {
  const int64_t batch = in.x.size(0), steps = in.x.size(1), features = in.x.size(2), projected = in.kernel.size(1);
  at::Tensor states = at::empty({steps, batch, width}, in.x.options());
  at::Tensor flat = in.x.transpose(0, 1).reshape({steps * batch, features});
  // Rows width apart: the product writes them in place (ldc), no copy.
  at::Tensor out = states.view({steps * batch, width}).narrow(1, width - projected, projected);
  linearInto(out, flat, in.kernel, bias);
  return states;
}

at::Tensor stepMask(const RecurrentInputs& in) {
  return in.mask.defined() ? in.mask.transpose(0, 1).unsqueeze(-1).gt(0) : at::Tensor();
}

at::Tensor previousStates(const at::Tensor& initial, const at::Tensor& states) {
  at::Tensor timeMajor = states.transpose(0, 1);
  return at::cat({initial.unsqueeze(0), timeMajor.narrow(0, 0, timeMajor.size(0) - 1)}, 0);
}

at::Tensor previousStateProduct(const at::Tensor& initial, const at::Tensor& h, const at::Tensor& d) {
  const int64_t steps = d.size(0);
  at::Tensor product = at::empty({h.size(2), d.size(2)}, d.options());
  matmulInto(product, initial.t(), d[0], 0.0f);
  if (steps > 1) {
    at::Tensor hBefore = h.transpose(0, 1).narrow(0, 0, steps - 1).reshape({-1, h.size(2)});
    matmulInto(product, hBefore.t(), d.narrow(0, 1, steps - 1).reshape({-1, d.size(2)}), 1.0f);
  }
  return product;
}

void appendWeightGradients(const RecurrentInputs& in, const at::Tensor& dProjected, const at::Tensor& dRecurrentKernel, std::vector<at::Tensor>& out,
                           const at::Tensor& dBias) {
  const int64_t batch = in.x.size(0), steps = in.x.size(1), features = in.x.size(2);
  at::Tensor flatGrad = dProjected.reshape({steps * batch, dProjected.size(2)});
  at::Tensor flatX = in.x.transpose(0, 1).reshape({steps * batch, features});
  at::Tensor dx = at::empty({steps * batch, features}, flatGrad.options()), dKernel = at::empty_like(in.kernel);
  matmulInto(dx, flatGrad, in.kernel.t(), 0.0f);
  matmulInto(dKernel, flatX.t(), flatGrad, 0.0f);
  out.push_back(dx.view({steps, batch, features}).transpose(0, 1).contiguous());
  out.push_back(dKernel);
  out.push_back(dRecurrentKernel);
  out.push_back(!in.bias.defined() ? at::Tensor() : dBias.defined() ? dBias : flatGrad.sum(0));
}

at::Tensor throughStep(at::Tensor& carried, const at::Tensor& maskF, int64_t t) {
  if (!maskF.defined()) return carried;
  at::Tensor reaching = carried * maskF[t];
  carried = carried - reaching;  // (1 − m)·carried, exact for m ∈ {0, 1}
  return reaching;
}

bool cpuSteps(const RecurrentInputs& in) {
  return !in.atenOps && in.x.is_cpu() && in.x.scalar_type() == at::kFloat && in.x.size(0) > 0;
}

at::Tensor stepMaskRows(const RecurrentInputs& in) {
  return in.mask.defined() ? in.mask.gt(0).to(at::kFloat).t().contiguous() : at::Tensor();
}

at::Tensor lastStepGradient(const at::Tensor& dStates, int64_t offset, int64_t units) {
  return dStates.select(1, dStates.size(1) - 1).narrow(1, offset, units).clone(at::MemoryFormat::Contiguous);
}

}  // namespace mimo::rnn
