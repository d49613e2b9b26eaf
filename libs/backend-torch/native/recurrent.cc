// The forward pass returns, per step, h (and c) and the activated gates; the backward pass derives
// every per-step factor from them, so only the recurrent part runs step by step. ATen ops, so the same
// code runs on cpu and cuda; on the cpu a step's pointwise work is vectorised loops instead
// (lstm_steps_cpu.h, gru_steps_cpu.h), the recurrent GEMMs staying in ATen.
#include "recurrent.h"

#include <ATen/ATen.h>

#include <stdexcept>

#include "gru_steps_cpu.h"
#include "lstm_steps_cpu.h"

namespace mimo {

GateActivation gateActivationNamed(const std::string& name) {
  if (name == "hardSigmoid") return GateActivation::HardSigmoid;
  if (name == "sigmoid") return GateActivation::Sigmoid;
  throw std::invalid_argument("torch backend: recurrent gate activation must be 'hardSigmoid' or 'sigmoid'. Received: '" + name + "'");
}

namespace {

at::Tensor gate(const at::Tensor& z, GateActivation activation) {
  if (activation == GateActivation::Sigmoid) return at::sigmoid(z);
  return (z * 0.2).add_(0.5).clamp_(0, 1);  // tfjs-layers' hardSigmoid: clip(0.2·z + 0.5, 0, 1)
}

// gate(z) written into `out` (a slice of the states row).
void gateInto(at::Tensor& out, const at::Tensor& z, GateActivation activation) {
  if (activation == GateActivation::Sigmoid) at::sigmoid_out(out, z);
  else out.copy_(z).mul_(0.2).add_(0.5).clamp_(0, 1);
}

// d gate(z) / dz from y = gate(z). hardSigmoid: 0.2 where it is not clipped (tfjs's clipByValue gradient also
// passes at exactly 0.2·z + 0.5 ∈ {0, 1}, a set of measure zero).
at::Tensor gateSlope(const at::Tensor& y, GateActivation activation) {
  if (activation == GateActivation::Sigmoid) return y * (1 - y);
  return y.gt(0).logical_and_(y.lt(1)).to(y.scalar_type()).mul_(0.2);
}

void expectShape(const at::Tensor& t, const std::vector<int64_t>& shape, const char* what) {
  if (t.sizes().vec() == shape) return;
  std::string expected, received;
  for (int64_t d : shape) expected += (expected.empty() ? "" : ", ") + std::to_string(d);
  for (int64_t d : t.sizes()) received += (received.empty() ? "" : ", ") + std::to_string(d);
  throw std::invalid_argument(std::string("torch backend: recurrent ") + what + " must have shape [" + expected + "]. Received: [" + received + "]");
}

void validate(const RecurrentInputs& in, int64_t gates, bool withCell) {
  if (in.x.dim() != 3 || in.x.size(1) < 1) throw std::invalid_argument("torch backend: recurrent x must be [batch, steps ≥ 1, features]");
  const int64_t batch = in.x.size(0), steps = in.x.size(1), features = in.x.size(2), units = in.recurrentKernel.size(0);
  expectShape(in.kernel, {features, gates * units}, "kernel");
  expectShape(in.recurrentKernel, {units, gates * units}, "recurrentKernel");
  if (in.bias.defined()) expectShape(in.bias, {gates * units}, "bias");
  if (in.mask.defined()) expectShape(in.mask, {batch, steps}, "mask");
  expectShape(in.h0, {batch, units}, "initial h");
  if (withCell) expectShape(in.c0, {batch, units}, "initial c");
}

// The backward pass's states and their gradient: [batch, steps, width] (the cpu loops read them by pointer).
void validateStates(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates, int64_t width) {
  const std::vector<int64_t> shape{in.x.size(0), in.x.size(1), width};
  expectShape(states, shape, "states");
  expectShape(dStates, shape, "states gradient");
}

// x·kernel + bias for every step with one GEMM, time-major: [steps, batch, gates·units].
at::Tensor projectInputs(const RecurrentInputs& in) {
  const int64_t batch = in.x.size(0), steps = in.x.size(1), features = in.x.size(2);
  at::Tensor flat = in.x.transpose(0, 1).reshape({steps * batch, features});
  at::Tensor projected = in.bias.defined() ? at::addmm(in.bias, flat, in.kernel) : at::mm(flat, in.kernel);
  return projected.view({steps, batch, in.kernel.size(1)});
}

// Time-major [steps, batch, 1] bool mask; undefined without a mask.
at::Tensor stepMask(const RecurrentInputs& in) {
  return in.mask.defined() ? in.mask.transpose(0, 1).unsqueeze(-1).gt(0) : at::Tensor();
}

// The state each step started from, time-major: [initial, states[:, :-1]].
at::Tensor previousStates(const at::Tensor& initial, const at::Tensor& states) {
  at::Tensor timeMajor = states.transpose(0, 1);
  return at::cat({initial.unsqueeze(0), timeMajor.narrow(0, 0, timeMajor.size(0) - 1)}, 0);
}

// Appends dx, dKernel, dRecurrentKernel and dBias given d(projected inputs) and d(recurrent pre-activations) per step.
void appendWeightGradients(const RecurrentInputs& in, const at::Tensor& dProjected, const at::Tensor& dRecurrentKernel, std::vector<at::Tensor>& out) {
  const int64_t batch = in.x.size(0), steps = in.x.size(1), features = in.x.size(2);
  at::Tensor flatGrad = dProjected.reshape({steps * batch, dProjected.size(2)});
  at::Tensor flatX = in.x.transpose(0, 1).reshape({steps * batch, features});
  out.push_back(at::mm(flatGrad, in.kernel.t()).view({steps, batch, features}).transpose(0, 1).contiguous());
  out.push_back(at::mm(flatX.t(), flatGrad));
  out.push_back(dRecurrentKernel);
  out.push_back(in.bias.defined() ? flatGrad.sum(0) : at::Tensor());
}

// Splits the carried gradient at a masked step: returns the part reaching this step's cell, leaves the carried part in `carried`.
at::Tensor throughStep(at::Tensor& carried, const at::Tensor& maskF, int64_t t) {
  if (!maskF.defined()) return carried;
  at::Tensor reaching = carried * maskF[t];
  carried = carried - reaching;  // (1 − m)·carried, exact for m ∈ {0, 1}
  return reaching;
}

}  // namespace

namespace {

// Float32 on the cpu runs each step's pointwise work in vectorised loops (lstm_ / gru_steps_cpu.h); every other
// case runs ATen ops (any device, any dtype, an empty batch), as the cpu does too when asked, to check them there.
bool cpuSteps(const RecurrentInputs& in) {
  return !in.atenOps && in.x.is_cpu() && in.x.scalar_type() == at::kFloat && in.x.size(0) > 0;
}

// Float rows of a [batch, units] tensor whose last dimension is contiguous.
cpu::Rows rowsOf(const at::Tensor& t) { return {t.data_ptr<float>(), t.stride(0)}; }

at::Tensor lastDimContiguous(const at::Tensor& t) { return t.stride(-1) == 1 ? t : t.contiguous(); }

// Time-major [steps, batch] float 0/1 mask, contiguous; undefined without a mask.
at::Tensor stepMaskRows(const RecurrentInputs& in) {
  return in.mask.defined() ? in.mask.gt(0).to(at::kFloat).t().contiguous() : at::Tensor();
}

// Step t's row of stepMaskRows, or null without a mask.
const float* maskAt(const at::Tensor& mask, int64_t t) { return mask.defined() ? mask.data_ptr<float>() + t * mask.size(1) : nullptr; }

// Step t's rows, from column `offset`, of a [batch, steps, width] float tensor whose last dimension is contiguous.
struct StepRows {
  explicit StepRows(const at::Tensor& t) : data(t.data_ptr<float>()), batchStride(t.stride(0)), stepStride(t.stride(1)) {}
  cpu::Rows at(int64_t t, int64_t offset = 0) const { return {data + t * stepStride + offset, batchStride}; }
  const float* data;
  int64_t batchStride, stepStride;
};

// The gradient reaching the last step's [offset, offset + units) columns, as a fresh contiguous [batch, units] buffer.
at::Tensor lastStepGradient(const at::Tensor& dStates, int64_t offset, int64_t units) {
  return dStates.select(1, dStates.size(1) - 1).narrow(1, offset, units).clone(at::MemoryFormat::Contiguous);
}

void lstmForwardCpu(const RecurrentInputs& in, at::Tensor& projected, at::Tensor& states) {
  const int64_t steps = projected.size(0), batch = in.x.size(0), units = in.recurrentKernel.size(0);
  at::Tensor mask = stepMaskRows(in), c0 = in.c0.contiguous();
  at::Tensor h = in.h0.contiguous();
  cpu::Rows c = rowsOf(c0);
  for (int64_t t = 0; t < steps; ++t) {
    at::Tensor z = projected[t];
    z.addmm_(h, in.recurrentKernel);
    float* row = states[t].data_ptr<float>();
    cpu::lstmForwardStep({z.data_ptr<float>(), rowsOf(h), c, maskAt(mask, t), row, batch, units, in.gate == GateActivation::HardSigmoid});
    h = states[t].narrow(1, 0, units);
    c = {row + units, 6 * units};
  }
}

void lstmForwardAten(const RecurrentInputs& in, at::Tensor& projected, at::Tensor& states) {
  const int64_t units = in.recurrentKernel.size(0);
  at::Tensor mask = stepMask(in);
  at::Tensor h = in.h0, c = in.c0;
  for (int64_t t = 0; t < projected.size(0); ++t) {
    // Written straight into this step's row: h, c, then the gates (fewer, larger ATen calls per step).
    at::Tensor z = at::addmm(projected[t], h, in.recurrentKernel);
    at::Tensor row = states[t];
    at::Tensor gates = row.narrow(1, 2 * units, 4 * units);
    gateInto(gates, z, in.gate);
    at::Tensor candidate = gates.narrow(1, 2 * units, units);
    at::tanh_out(candidate, z.narrow(1, 2 * units, units));  // the c slot holds tanh, not the gate activation
    at::Tensor cNew = row.narrow(1, units, units), hNew = row.narrow(1, 0, units);
    at::mul_out(cNew, gates.narrow(1, units, units), c);
    cNew.addcmul_(gates.narrow(1, 0, units), candidate);
    at::mul_out(hNew, gates.narrow(1, 3 * units, units), at::tanh(cNew));
    if (mask.defined()) {
      hNew.copy_(at::where(mask[t], hNew, h));
      cNew.copy_(at::where(mask[t], cNew, c));
    }
    h = hNew;
    c = cNew;
  }
}

// Fills dz [steps, batch, 4·units] step by step; returns the gradients of the initial h and c.
std::pair<at::Tensor, at::Tensor> lstmBackwardCpu(const RecurrentInputs& in, const at::Tensor& statesIn, const at::Tensor& dStatesIn, at::Tensor& dz) {
  const int64_t batch = in.x.size(0), steps = in.x.size(1), units = in.recurrentKernel.size(0);
  at::Tensor states = lastDimContiguous(statesIn), dStates = lastDimContiguous(dStatesIn);  // [batch, steps, 6·units]
  at::Tensor mask = stepMaskRows(in), c0 = in.c0.contiguous(), recurrentT = in.recurrentKernel.t();
  const StepRows s(states), d(dStates);
  at::Tensor dh = lastStepGradient(dStates, 0, units), dc = lastStepGradient(dStates, units, units);
  for (int64_t t = steps - 1; t >= 0; --t) {
    const bool first = t == 0;
    at::Tensor dzt = dz[t];
    cpu::lstmBackwardStep({s.at(t), first ? rowsOf(c0) : s.at(t - 1, units), maskAt(mask, t), first ? cpu::Rows{} : d.at(t - 1),
                           first ? cpu::Rows{} : d.at(t - 1, units), dh.data_ptr<float>(), dc.data_ptr<float>(), dzt.data_ptr<float>(), batch,
                           units, in.gate == GateActivation::HardSigmoid});
    dh.addmm_(dzt, recurrentT);
  }
  return {dh, dc};
}

// As lstmBackwardCpu, in ATen ops: per-step factors for all steps at once, then only the recurrence step by step.
std::pair<at::Tensor, at::Tensor> lstmBackwardAten(const RecurrentInputs& in, const at::Tensor& hPrev, const at::Tensor& states, const at::Tensor& dStates, at::Tensor& dz) {
  const int64_t batch = in.x.size(0), units = in.recurrentKernel.size(0);
  at::Tensor cPrev = previousStates(in.c0, states.narrow(2, units, units));
  at::Tensor gates = states.narrow(2, 2 * units, 4 * units).transpose(0, 1);
  at::Tensor i = gates.narrow(2, 0, units), f = gates.narrow(2, units, units), g = gates.narrow(2, 2 * units, units), o = gates.narrow(2, 3 * units, units);
  at::Tensor tanhC = at::tanh(f * cPrev + i * g);
  // dz_{i,f,c} = dc · factor, dz_o = dh · factor; dc also gets dh · o · (1 − tanh²c).
  at::Tensor cFactors = at::stack({g * gateSlope(i, in.gate), cPrev * gateSlope(f, in.gate), i * (1 - g * g)}, 2);
  at::Tensor oFactor = tanhC * gateSlope(o, in.gate);
  at::Tensor hToC = o * (1 - tanhC * tanhC);
  at::Tensor maskF = in.mask.defined() ? stepMask(in).to(hPrev.scalar_type()) : at::Tensor();
  const int64_t steps = hPrev.size(0);
  at::Tensor dSeq = dStates.narrow(2, 0, units).transpose(0, 1), dCell = dStates.narrow(2, units, units).transpose(0, 1);
  at::Tensor recurrentT = in.recurrentKernel.t();
  at::Tensor dh = at::zeros_like(in.h0), dc = at::zeros_like(in.c0);
  // Writes step t's pre-activation gradients into dz[t] from the gradients reaching its h and c; returns dz[t].
  auto preActivationGradients = [&](int64_t t, const at::Tensor& dhNew, const at::Tensor& dcNew) {
    at::Tensor dzt = dz[t];
    at::Tensor dzc = dzt.narrow(1, 0, 3 * units).view({batch, 3, units}), dzo = dzt.narrow(1, 3 * units, units);
    at::mul_out(dzc, cFactors[t], dcNew.unsqueeze(1));
    at::mul_out(dzo, dhNew, oFactor[t]);
    return dzt;
  };
  if (!maskF.defined()) {
    // Unmasked: each step's incoming output gradients ride along in the GEMM and the cell update (addmm, addcmul).
    dh = dSeq[steps - 1];
    dc = dCell[steps - 1];
    for (int64_t t = steps - 1; t >= 0; --t) {
      at::Tensor dcNew = at::addcmul(dc, dh, hToC[t]);
      at::Tensor dzt = preActivationGradients(t, dh, dcNew);
      dh = t > 0 ? at::addmm(dSeq[t - 1], dzt, recurrentT) : at::mm(dzt, recurrentT);
      dc = t > 0 ? at::addcmul(dCell[t - 1], dcNew, f[t]) : dcNew * f[t];
    }
  } else {
    for (int64_t t = steps - 1; t >= 0; --t) {
      dh = dh + dSeq[t];
      dc = dc + dCell[t];
      at::Tensor dhNew = throughStep(dh, maskF, t);
      at::Tensor dcNew = throughStep(dc, maskF, t) + dhNew * hToC[t];
      dh = dh + at::mm(preActivationGradients(t, dhNew, dcNew), recurrentT);
      dc = dc + dcNew * f[t];
    }
  }
  return {dh, dc};
}

}  // namespace

std::vector<at::Tensor> lstmForward(const RecurrentInputs& in) {
  validate(in, 4, true);
  const int64_t units = in.recurrentKernel.size(0);
  at::Tensor projected = projectInputs(in);
  // Filled step by step, time-major so each step's row is contiguous; returned as a [batch, steps, …] view.
  at::Tensor states = at::empty({projected.size(0), in.x.size(0), 6 * units}, projected.options());
  if (cpuSteps(in)) lstmForwardCpu(in, projected, states);
  else lstmForwardAten(in, projected, states);
  return {states.transpose(0, 1)};
}

std::vector<at::Tensor> lstmBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates) {
  validate(in, 4, true);
  const int64_t batch = in.x.size(0), steps = in.x.size(1), units = in.recurrentKernel.size(0);
  validateStates(in, states, dStates, 6 * units);
  at::Tensor hPrev = previousStates(in.h0, states.narrow(2, 0, units));
  at::Tensor dz = at::empty({steps, batch, 4 * units}, hPrev.options());
  auto [dh, dc] = cpuSteps(in) ? lstmBackwardCpu(in, states, dStates, dz) : lstmBackwardAten(in, hPrev, states, dStates, dz);
  std::vector<at::Tensor> out;
  at::Tensor dRecurrent = at::mm(hPrev.reshape({-1, units}).t(), dz.view({-1, 4 * units}));
  appendWeightGradients(in, dz, dRecurrent, out);
  out.push_back(dh);
  out.push_back(dc);
  return out;
}

namespace {

void gruForwardCpu(const RecurrentInputs& in, at::Tensor& projected, at::Tensor& states) {
  const int64_t steps = projected.size(0), batch = in.x.size(0), units = in.recurrentKernel.size(0);
  at::Tensor mask = stepMaskRows(in), resetH = at::empty({batch, units}, projected.options());
  at::Tensor zrKernel = in.recurrentKernel.narrow(1, 0, 2 * units), hKernel = in.recurrentKernel.narrow(1, 2 * units, units);
  at::Tensor h = in.h0.contiguous();
  for (int64_t t = 0; t < steps; ++t) {
    at::Tensor xt = projected[t];
    xt.narrow(1, 0, 2 * units).addmm_(h, zrKernel);
    const cpu::GruForwardStep step{rowsOf(xt), rowsOf(h), maskAt(mask, t), states[t].data_ptr<float>(), resetH.data_ptr<float>(), batch, units,
                                   in.gate == GateActivation::HardSigmoid};
    cpu::gruGateStep(step);
    xt.narrow(1, 2 * units, units).addmm_(resetH, hKernel);
    cpu::gruOutputStep(step);
    h = states[t].narrow(1, 0, units);
  }
}

void gruForwardAten(const RecurrentInputs& in, at::Tensor& projected, at::Tensor& states) {
  const int64_t units = in.recurrentKernel.size(0);
  at::Tensor mask = stepMask(in);
  at::Tensor zrKernel = in.recurrentKernel.narrow(1, 0, 2 * units).contiguous();
  at::Tensor hKernel = in.recurrentKernel.narrow(1, 2 * units, units).contiguous();
  at::Tensor h = in.h0;
  for (int64_t t = 0; t < projected.size(0); ++t) {
    at::Tensor xt = projected[t];
    at::Tensor zr = gate(at::addmm(xt.narrow(1, 0, 2 * units), h, zrKernel), in.gate);
    at::Tensor z = zr.narrow(1, 0, units), r = zr.narrow(1, units, units);
    at::Tensor candidate = at::tanh(at::addmm(xt.narrow(1, 2 * units, units), r * h, hKernel));
    at::Tensor hNew = z * h + (1 - z) * candidate;
    h = mask.defined() ? at::where(mask[t], hNew, h) : hNew;
    at::Tensor row = states[t];
    row.narrow(1, 0, units).copy_(h);
    row.narrow(1, units, 2 * units).copy_(zr);
    row.narrow(1, 3 * units, units).copy_(candidate);
  }
}

// Fills dPre [steps, batch, 3·units] step by step; returns the gradient of the initial h.
at::Tensor gruBackwardCpu(const RecurrentInputs& in, const at::Tensor& statesIn, const at::Tensor& dStatesIn, at::Tensor& dPre) {
  const int64_t batch = in.x.size(0), steps = in.x.size(1), units = in.recurrentKernel.size(0);
  at::Tensor states = lastDimContiguous(statesIn), dStates = lastDimContiguous(dStatesIn);  // [batch, steps, 4·units]
  at::Tensor mask = stepMaskRows(in), h0 = in.h0.contiguous();
  at::Tensor zrKernelT = in.recurrentKernel.narrow(1, 0, 2 * units).t(), hKernelT = in.recurrentKernel.narrow(1, 2 * units, units).t();
  const StepRows s(states), d(dStates);
  at::Tensor dh = lastStepGradient(dStates, 0, units);
  at::Tensor dResetH = at::empty({batch, units}, dh.options());
  for (int64_t t = steps - 1; t >= 0; --t) {
    const bool first = t == 0;
    at::Tensor dPreT = dPre[t];
    const cpu::GruBackwardStep step{s.at(t), first ? rowsOf(h0) : s.at(t - 1), maskAt(mask, t), first ? cpu::Rows{} : d.at(t - 1), dh.data_ptr<float>(),
                                    dPreT.data_ptr<float>(), dResetH.data_ptr<float>(), batch, units, in.gate == GateActivation::HardSigmoid};
    cpu::gruGateGradientStep(step);
    at::mm_out(dResetH, dPreT.narrow(1, 2 * units, units), hKernelT);
    cpu::gruCarryStep(step);
    dh.addmm_(dPreT.narrow(1, 0, 2 * units), zrKernelT);
  }
  return dh;
}

// As gruBackwardCpu, in ATen ops: per-step factors for all steps at once, then only the recurrence step by step.
at::Tensor gruBackwardAten(const RecurrentInputs& in, const at::Tensor& hPrev, const at::Tensor& states, const at::Tensor& dStates, at::Tensor& dPre) {
  const int64_t units = in.recurrentKernel.size(0);
  at::Tensor zrKernelT = in.recurrentKernel.narrow(1, 0, 2 * units).t(), hKernelT = in.recurrentKernel.narrow(1, 2 * units, units).t();
  at::Tensor gates = states.narrow(2, units, 3 * units).transpose(0, 1);
  at::Tensor z = gates.narrow(2, 0, units), r = gates.narrow(2, units, units), candidate = gates.narrow(2, 2 * units, units);
  // d(pre-activation) = dh · factor for z and the candidate; for r it is d(r·h) · factor.
  at::Tensor zFactor = (hPrev - candidate) * gateSlope(z, in.gate);
  at::Tensor candidateFactor = (1 - z) * (1 - candidate * candidate);
  at::Tensor rFactor = hPrev * gateSlope(r, in.gate);
  at::Tensor maskF = in.mask.defined() ? stepMask(in).to(hPrev.scalar_type()) : at::Tensor();
  at::Tensor dSeq = dStates.narrow(2, 0, units).transpose(0, 1);
  at::Tensor dh = at::zeros_like(in.h0);
  for (int64_t t = hPrev.size(0) - 1; t >= 0; --t) {
    dh = dh + dSeq[t];
    at::Tensor dhNew = throughStep(dh, maskF, t);
    at::Tensor dt = dPre[t];
    at::Tensor dz = dt.narrow(1, 0, units), dr = dt.narrow(1, units, units), dCandidate = dt.narrow(1, 2 * units, units);
    at::mul_out(dz, dhNew, zFactor[t]);
    at::mul_out(dCandidate, dhNew, candidateFactor[t]);
    at::Tensor dResetH = at::mm(dCandidate, hKernelT);
    at::mul_out(dr, dResetH, rFactor[t]);
    at::Tensor dhPrev = at::addmm(dhNew * z[t] + dResetH * r[t], dt.narrow(1, 0, 2 * units), zrKernelT);
    dh = maskF.defined() ? dh + dhPrev : dhPrev;
  }
  return dh;
}

}  // namespace

std::vector<at::Tensor> gruForward(const RecurrentInputs& in) {
  validate(in, 3, false);
  const int64_t units = in.recurrentKernel.size(0);
  at::Tensor projected = projectInputs(in);
  at::Tensor states = at::empty({projected.size(0), in.x.size(0), 4 * units}, projected.options());  // as in lstmForward
  if (cpuSteps(in)) gruForwardCpu(in, projected, states);
  else gruForwardAten(in, projected, states);
  return {states.transpose(0, 1)};
}

std::vector<at::Tensor> gruBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates) {
  validate(in, 3, false);
  const int64_t batch = in.x.size(0), steps = in.x.size(1), units = in.recurrentKernel.size(0);
  validateStates(in, states, dStates, 4 * units);
  at::Tensor hPrev = previousStates(in.h0, states.narrow(2, 0, units));
  at::Tensor dPre = at::empty({steps, batch, 3 * units}, hPrev.options());
  at::Tensor dh = cpuSteps(in) ? gruBackwardCpu(in, states, dStates, dPre) : gruBackwardAten(in, hPrev, states, dStates, dPre);
  at::Tensor resetH = states.narrow(2, 2 * units, units).transpose(0, 1) * hPrev;
  at::Tensor flat = dPre.view({-1, 3 * units});
  at::Tensor dRecurrent = at::cat({at::mm(hPrev.reshape({-1, units}).t(), flat.narrow(1, 0, 2 * units)),
                                   at::mm(resetH.reshape({-1, units}).t(), flat.narrow(1, 2 * units, units))}, 1);
  std::vector<at::Tensor> out;
  appendWeightGradients(in, dPre, dRecurrent, out);
  out.push_back(dh);
  return out;
}

}  // namespace mimo
