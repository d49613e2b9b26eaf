// The forward pass returns, per step, h (and c) and the activated gates; the backward pass derives
// every per-step factor from them, so only the recurrent part runs step by step. ATen ops, so the same
// code runs on cpu and cuda; on the cpu a step's pointwise work is vectorised loops instead
// (lstm_steps_cpu.h, gru_steps_cpu.h) and its recurrent GEMMs go straight to the BLAS, each thread running the
// whole recurrence of its block of the batch.
#include "recurrent.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <stdexcept>

#include "blas.h"
#include "gru_steps_cpu.h"
#include "libtorch_lstm.h"
#include "lstm_steps_cpu.h"
#include "matmul.h"

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

// The backward pass's states, [batch, steps, width], and their gradient: the same shape, or [batch, 1, width] when
// only the last step's states get one (the cpu loops read them by pointer).
void validateStates(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates, int64_t width) {
  const std::vector<int64_t> shape{in.x.size(0), in.x.size(1), width};
  expectShape(states, shape, "states");
  if (dStates.sizes().vec() != std::vector<int64_t>{in.x.size(0), 1, width}) expectShape(dStates, shape, "states gradient");
}

// Whether dStates has every step's gradient, not only the last step's.
bool everyStep(const at::Tensor& dStates, int64_t steps) { return dStates.size(1) == steps; }

// dStates for every step: a last-step-only gradient with zeros before it.
at::Tensor everyStepGradient(const at::Tensor& dStates, int64_t steps) {
  if (everyStep(dStates, steps)) return dStates;
  at::Tensor full = at::zeros({dStates.size(0), steps, dStates.size(2)}, dStates.options());
  full.narrow(1, steps - 1, 1).copy_(dStates);
  return full;
}

// Time-major [steps, batch, width] states (6·units LSTM, 4·units GRU) whose gate columns, the last gates·units, hold
// x·kernel + bias (one GEMM for every step): each step adds its recurrent product there and turns the
// pre-activations (in the gates' order) into the gates in place, so they need no buffer of their own.
at::Tensor statesWithProjectedInputs(const RecurrentInputs& in, int64_t width) {
  const int64_t batch = in.x.size(0), steps = in.x.size(1), features = in.x.size(2), projected = in.kernel.size(1);
  at::Tensor states = at::empty({steps, batch, width}, in.x.options());
  at::Tensor flat = in.x.transpose(0, 1).reshape({steps * batch, features});
  // Rows width apart: the product writes them in place (ldc), no copy.
  at::Tensor out = states.view({steps * batch, width}).narrow(1, width - projected, projected);
  linearInto(out, flat, in.kernel, in.bias);
  return states;
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

// Σ_t h_{t−1}ᵀ·d_t with h_{−1} = initial, for h [batch, steps, units] and d [steps, batch, n] (rows contiguous): the
// initial step's product apart, so the others read h in place (no previousStates copy).
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

// Appends dx, dKernel, dRecurrentKernel and dBias given d(projected inputs) and d(recurrent pre-activations) per step.
void appendWeightGradients(const RecurrentInputs& in, const at::Tensor& dProjected, const at::Tensor& dRecurrentKernel, std::vector<at::Tensor>& out) {
  const int64_t batch = in.x.size(0), steps = in.x.size(1), features = in.x.size(2);
  at::Tensor flatGrad = dProjected.reshape({steps * batch, dProjected.size(2)});
  at::Tensor flatX = in.x.transpose(0, 1).reshape({steps * batch, features});
  at::Tensor dx = at::empty({steps * batch, features}, flatGrad.options()), dKernel = at::empty_like(in.kernel);
  matmulInto(dx, flatGrad, in.kernel.t(), 0.0f);
  matmulInto(dKernel, flatX.t(), flatGrad, 0.0f);
  out.push_back(dx.view({steps, batch, features}).transpose(0, 1).contiguous());
  out.push_back(dKernel);
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

// Float rows, from row `first`, of a [batch, units] tensor whose last dimension is contiguous.
cpu::Rows rowsOf(const at::Tensor& t, int64_t first) { return {t.data_ptr<float>() + first * t.stride(0), t.stride(0)}; }

at::Tensor lastDimContiguous(const at::Tensor& t) { return t.stride(-1) == 1 ? t : t.contiguous(); }

// Time-major [steps, batch] float 0/1 mask, contiguous; undefined without a mask.
at::Tensor stepMaskRows(const RecurrentInputs& in) {
  return in.mask.defined() ? in.mask.gt(0).to(at::kFloat).t().contiguous() : at::Tensor();
}

// Step t's row of stepMaskRows from row `first`, or null without a mask.
const float* maskAt(const at::Tensor& mask, int64_t t, int64_t first) {
  return mask.defined() ? mask.data_ptr<float>() + t * mask.size(1) + first : nullptr;
}

// Step t's rows, from row `first` and column `offset`, of a [batch, steps, width] float tensor whose last dimension
// is contiguous.
struct StepRows {
  explicit StepRows(const at::Tensor& t) : data(t.data_ptr<float>()), batchStride(t.stride(0)), stepStride(t.stride(1)) {}
  cpu::Rows at(int64_t t, int64_t first, int64_t offset = 0) const { return {data + t * stepStride + first * batchStride + offset, batchStride}; }
  const float* data;
  int64_t batchStride, stepStride;
};

// Rows of the batch below which a block is not split across threads: smaller GEMMs lose more than a thread gains.
constexpr int64_t kRowsPerThread = 16;

// Runs run(first, rows) on blocks of the batch, one per thread. Rows are independent through the whole sequence,
// so each thread runs its block's every step with no barrier between steps, and its GEMMs on itself (blas.h).
template <typename F>
void forEachRowBlock(int64_t batch, const F& run) {
  at::parallel_for(0, batch, kRowsPerThread, [&](int64_t begin, int64_t end) { run(begin, end - begin); });
}

// The gradient reaching the last step's [offset, offset + units) columns, as a fresh contiguous [batch, units] buffer.
at::Tensor lastStepGradient(const at::Tensor& dStates, int64_t offset, int64_t units) {
  return dStates.select(1, dStates.size(1) - 1).narrow(1, offset, units).clone(at::MemoryFormat::Contiguous);
}

// states: time-major, the gate columns holding the projected inputs (statesWithProjectedInputs).
void lstmForwardCpu(const RecurrentInputs& in, at::Tensor& states) {
  const int64_t steps = states.size(0), batch = in.x.size(0), units = in.recurrentKernel.size(0), width = 6 * units;
  at::Tensor mask = stepMaskRows(in), h0 = in.h0.contiguous(), c0 = in.c0.contiguous(), kernel = in.recurrentKernel.contiguous();
  float* const data = states.data_ptr<float>();
  const float* const w = kernel.data_ptr<float>();
  forEachRowBlock(batch, [&](int64_t first, int64_t rows) {
    cpu::Rows h = rowsOf(h0, first), c = rowsOf(c0, first);
    for (int64_t t = 0; t < steps; ++t) {
      float* row = data + (t * batch + first) * width;
      sgemmRowMajor(rows, 4 * units, units, h.data, h.stride, w, 4 * units, 1.0f, row + 2 * units, width);
      cpu::lstmForwardStep({{row + 2 * units, width}, h, c, maskAt(mask, t, first), row, rows, units, in.gate == GateActivation::HardSigmoid});
      h = {row, width};
      c = {row + units, width};
    }
  });
}

// As lstmForwardCpu, one ATen op at a time.
void lstmForwardAten(const RecurrentInputs& in, at::Tensor& states) {
  const int64_t units = in.recurrentKernel.size(0);
  at::Tensor mask = stepMask(in);
  at::Tensor h = in.h0, c = in.c0;
  for (int64_t t = 0; t < states.size(0); ++t) {
    // Written straight into this step's row: h, c, then the gates (fewer, larger ATen calls per step).
    at::Tensor z = at::addmm(states[t].narrow(1, 2 * units, 4 * units), h, in.recurrentKernel);
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
  at::Tensor states = lastDimContiguous(statesIn), dStates = lastDimContiguous(dStatesIn);  // [batch, steps or 1, 6·units]
  // The recurrent kernel transposed once, [4·units, units]: each step's dh += dz·recurrentKernelᵀ is then a plain product.
  at::Tensor mask = stepMaskRows(in), c0 = in.c0.contiguous(), kernelT = in.recurrentKernel.t().contiguous();
  const StepRows s(states), d(dStates);
  const bool sequenceGradient = everyStep(dStates, steps);
  at::Tensor dh = lastStepGradient(dStates, 0, units), dc = lastStepGradient(dStates, units, units);
  float* const dzData = dz.data_ptr<float>();
  const float* const wT = kernelT.data_ptr<float>();
  forEachRowBlock(batch, [&](int64_t first, int64_t rows) {
    float *dhRows = dh.data_ptr<float>() + first * units, *dcRows = dc.data_ptr<float>() + first * units;
    for (int64_t t = steps - 1; t >= 0; --t) {
      const bool previous = t > 0 && sequenceGradient;  // the sequence's gradients for step t − 1
      float* dzt = dzData + (t * batch + first) * 4 * units;
      cpu::lstmBackwardStep({s.at(t, first), t == 0 ? rowsOf(c0, first) : s.at(t - 1, first, units), maskAt(mask, t, first),
                             previous ? d.at(t - 1, first) : cpu::Rows{}, previous ? d.at(t - 1, first, units) : cpu::Rows{}, dhRows, dcRows, dzt,
                             rows, units, in.gate == GateActivation::HardSigmoid});
      sgemmRowMajor(rows, units, 4 * units, dzt, 4 * units, wT, units, 1.0f, dhRows, units);  // dh += dz·recurrentKernelᵀ
    }
  });
  return {dh, dc};
}

// As lstmBackwardCpu, in ATen ops: per-step factors for all steps at once, then only the recurrence step by step.
std::pair<at::Tensor, at::Tensor> lstmBackwardAten(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates, at::Tensor& dz) {
  const int64_t batch = in.x.size(0), units = in.recurrentKernel.size(0);
  at::Tensor hPrev = previousStates(in.h0, states.narrow(2, 0, units));
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
  if (auto states = tryLibtorchLstmForward(in)) return *states;
  // Filled step by step, time-major so each step's row is contiguous; returned as a [batch, steps, …] view.
  at::Tensor states = statesWithProjectedInputs(in, 6 * in.recurrentKernel.size(0));
  if (cpuSteps(in)) lstmForwardCpu(in, states);
  else lstmForwardAten(in, states);
  return {states.transpose(0, 1)};
}

std::vector<at::Tensor> lstmBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates) {
  validate(in, 4, true);
  const int64_t batch = in.x.size(0), steps = in.x.size(1), units = in.recurrentKernel.size(0);
  validateStates(in, states, dStates, 6 * units);
  if (libtorchLstmRecorded(states)) return libtorchLstmBackward(in, states, dStates);
  at::Tensor dz = at::empty({steps, batch, 4 * units}, states.options());
  auto [dh, dc] = cpuSteps(in) ? lstmBackwardCpu(in, states, dStates, dz) : lstmBackwardAten(in, states, everyStepGradient(dStates, steps), dz);
  std::vector<at::Tensor> out;
  appendWeightGradients(in, dz, previousStateProduct(in.h0, states.narrow(2, 0, units), dz), out);
  out.push_back(dh);
  out.push_back(dc);
  return out;
}

namespace {

// states: time-major, the gate columns holding the projected inputs (statesWithProjectedInputs).
void gruForwardCpu(const RecurrentInputs& in, at::Tensor& states) {
  const int64_t steps = states.size(0), batch = in.x.size(0), units = in.recurrentKernel.size(0), width = 4 * units;
  at::Tensor mask = stepMaskRows(in), h0 = in.h0.contiguous(), kernel = in.recurrentKernel.contiguous();
  at::Tensor resetH = at::empty({batch, units}, states.options());
  float* const data = states.data_ptr<float>();
  const float* const w = kernel.data_ptr<float>();  // [units, 3·units]: the z and r columns, then the candidate's
  forEachRowBlock(batch, [&](int64_t first, int64_t rows) {
    float* resetRows = resetH.data_ptr<float>() + first * units;
    cpu::Rows h = rowsOf(h0, first);
    for (int64_t t = 0; t < steps; ++t) {
      float* row = data + (t * batch + first) * width;
      sgemmRowMajor(rows, 2 * units, units, h.data, h.stride, w, 3 * units, 1.0f, row + units, width);
      const cpu::GruForwardStep step{{row + units, width}, h, maskAt(mask, t, first), row, resetRows, rows, units, in.gate == GateActivation::HardSigmoid};
      cpu::gruGateStep(step);
      sgemmRowMajor(rows, units, units, resetRows, units, w + 2 * units, 3 * units, 1.0f, row + 3 * units, width);
      cpu::gruOutputStep(step);
      h = {row, width};
    }
  });
}

// As gruForwardCpu, one ATen op at a time.
void gruForwardAten(const RecurrentInputs& in, at::Tensor& states) {
  const int64_t units = in.recurrentKernel.size(0);
  at::Tensor mask = stepMask(in);
  at::Tensor zrKernel = in.recurrentKernel.narrow(1, 0, 2 * units).contiguous();
  at::Tensor hKernel = in.recurrentKernel.narrow(1, 2 * units, units).contiguous();
  at::Tensor h = in.h0;
  for (int64_t t = 0; t < states.size(0); ++t) {
    at::Tensor xt = states[t].narrow(1, units, 3 * units);  // read before the row is written below
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
  at::Tensor states = lastDimContiguous(statesIn), dStates = lastDimContiguous(dStatesIn);  // [batch, steps or 1, 4·units]
  // The recurrent kernel transposed once, [3·units, units]: the z and r rows, then the candidate's.
  at::Tensor mask = stepMaskRows(in), h0 = in.h0.contiguous(), kernelT = in.recurrentKernel.t().contiguous();
  const StepRows s(states), d(dStates);
  const bool sequenceGradient = everyStep(dStates, steps);
  at::Tensor dh = lastStepGradient(dStates, 0, units);
  at::Tensor dResetH = at::empty({batch, units}, dh.options());
  float* const dPreData = dPre.data_ptr<float>();
  const float* const wT = kernelT.data_ptr<float>();
  forEachRowBlock(batch, [&](int64_t first, int64_t rows) {
    float *dhRows = dh.data_ptr<float>() + first * units, *dResetRows = dResetH.data_ptr<float>() + first * units;
    for (int64_t t = steps - 1; t >= 0; --t) {
      const bool previous = t > 0 && sequenceGradient;  // the sequence's gradient for step t − 1
      float* dPreT = dPreData + (t * batch + first) * 3 * units;
      const cpu::GruBackwardStep step{s.at(t, first), t == 0 ? rowsOf(h0, first) : s.at(t - 1, first), maskAt(mask, t, first),
                                      previous ? d.at(t - 1, first) : cpu::Rows{}, dhRows, dPreT, dResetRows, rows, units,
                                      in.gate == GateActivation::HardSigmoid};
      cpu::gruGateGradientStep(step);
      // d(r·h) = d(candidate pre-activation)·R_hᵀ; then dh += d(z, r pre-activations)·R_zrᵀ.
      sgemmRowMajor(rows, units, units, dPreT + 2 * units, 3 * units, wT + 2 * units * units, units, 0.0f, dResetRows, units);
      cpu::gruCarryStep(step);
      sgemmRowMajor(rows, units, 2 * units, dPreT, 3 * units, wT, units, 1.0f, dhRows, units);
    }
  });
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
  at::Tensor states = statesWithProjectedInputs(in, 4 * in.recurrentKernel.size(0));  // as in lstmForward
  if (cpuSteps(in)) gruForwardCpu(in, states);
  else gruForwardAten(in, states);
  return {states.transpose(0, 1)};
}

std::vector<at::Tensor> gruBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates) {
  validate(in, 3, false);
  const int64_t batch = in.x.size(0), steps = in.x.size(1), units = in.recurrentKernel.size(0);
  validateStates(in, states, dStates, 4 * units);
  at::Tensor hPrev = previousStates(in.h0, states.narrow(2, 0, units));
  at::Tensor dPre = at::empty({steps, batch, 3 * units}, hPrev.options());
  at::Tensor dh = cpuSteps(in) ? gruBackwardCpu(in, states, dStates, dPre) : gruBackwardAten(in, hPrev, states, everyStepGradient(dStates, steps), dPre);
  at::Tensor resetH = states.narrow(2, 2 * units, units).transpose(0, 1) * hPrev;
  at::Tensor flat = dPre.view({-1, 3 * units});
  at::Tensor dRecurrent = at::empty({units, 3 * units}, dPre.options());
  at::Tensor dGates = dRecurrent.narrow(1, 0, 2 * units), dCandidate = dRecurrent.narrow(1, 2 * units, units);
  matmulInto(dGates, hPrev.reshape({-1, units}).t(), flat.narrow(1, 0, 2 * units), 0.0f);
  matmulInto(dCandidate, resetH.reshape({-1, units}).t(), flat.narrow(1, 2 * units, units), 0.0f);
  std::vector<at::Tensor> out;
  appendWeightGradients(in, dPre, dRecurrent, out);
  out.push_back(dh);
  return out;
}

}  // namespace mimo
