// The LSTM's whole-sequence passes (the GRU's: gru.cc, gru_reset_after.cc). The forward pass returns, per step, h
// and c and the activated gates; the backward pass derives every per-step factor from them, so only the recurrent
// part runs step by step. ATen ops, so the same code runs on cpu and cuda; on the cpu a step's pointwise work is
// vectorised loops instead (lstm_steps_cpu.h) and its recurrent GEMMs go straight to the BLAS, each thread running
// the whole recurrence of its block of the batch (recurrent_support.h).
#include "recurrent.h"

#include <ATen/ATen.h>

#include <stdexcept>

#include "blas.h"
#include "libtorch_rnn.h"
#include "lstm_steps_cpu.h"
#include "recurrent_support.h"

namespace mimo {

GateActivation gateActivationNamed(const std::string& name) {
  if (name == "hardSigmoid") return GateActivation::HardSigmoid;
  if (name == "sigmoid") return GateActivation::Sigmoid;
  throw std::invalid_argument("torch backend: recurrent gate activation must be 'hardSigmoid' or 'sigmoid'. Received: '" + name + "'");
}

using namespace rnn;

namespace {

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
  if (auto states = tryLibtorchRnnForward(in, LibtorchCell::Lstm)) return *states;
  // Filled step by step, time-major so each step's row is contiguous; returned as a [batch, steps, …] view.
  at::Tensor states = statesWithProjectedInputs(in, 6 * in.recurrentKernel.size(0), in.bias);
  if (cpuSteps(in)) lstmForwardCpu(in, states);
  else lstmForwardAten(in, states);
  return {states.transpose(0, 1)};
}

std::vector<at::Tensor> lstmBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates) {
  validate(in, 4, true);
  const int64_t batch = in.x.size(0), steps = in.x.size(1), units = in.recurrentKernel.size(0);
  validateStates(in, states, dStates, 6 * units);
  if (libtorchRnnRecorded(states)) return libtorchRnnBackward(in, states, dStates);
  at::Tensor dz = at::empty({steps, batch, 4 * units}, states.options());
  auto [dh, dc] = cpuSteps(in) ? lstmBackwardCpu(in, states, dStates, dz) : lstmBackwardAten(in, states, everyStepGradient(dStates, steps), dz);
  std::vector<at::Tensor> out;
  appendWeightGradients(in, dz, previousStateProduct(in.h0, states.narrow(2, 0, units), dz), out);
  out.push_back(dh);
  out.push_back(dc);
  return out;
}

}  // namespace mimo
