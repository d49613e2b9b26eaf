// tfjs-layers' GRU (reset before the recurrent product) as whole-sequence passes, built as recurrent.cc builds the
// LSTM's: the forward pass keeps per step h and the activated gates, the backward pass runs only the recurrence
// step by step; vectorised loops on the cpu (gru_steps_cpu.h), ATen ops elsewhere.
#include <ATen/ATen.h>

#include "blas.h"
#include "gru_aten_backward.h"
#include "gru_steps_cpu.h"
#include "matmul.h"
#include "recurrent.h"
#include "recurrent_support.h"

namespace mimo {

using namespace rnn;

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
  at::Tensor rFactor = hPrev * gateSlope(r, in.gate);  // d(r pre-activation) = d(r·h) · rFactor
  return gruBackwardRecurrence(in, hPrev, z, candidate, dStates, dPre, [&](int64_t t, const at::Tensor& dhNew, at::Tensor& dt) {
    at::Tensor dr = dt.narrow(1, units, units);
    at::Tensor dResetH = at::mm(dt.narrow(1, 2 * units, units), hKernelT);
    at::mul_out(dr, dResetH, rFactor[t]);
    return at::addmm(dhNew * z[t] + dResetH * r[t], dt.narrow(1, 0, 2 * units), zrKernelT);
  });
}

}  // namespace

std::vector<at::Tensor> gruForward(const RecurrentInputs& in) {
  validate(in, 3, false);
  at::Tensor states = statesWithProjectedInputs(in, 4 * in.recurrentKernel.size(0), in.bias);  // as in lstmForward
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
