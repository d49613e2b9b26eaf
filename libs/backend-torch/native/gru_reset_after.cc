// Keras's reset-after GRU (cuDNN's and PyTorch's: candidate = tanh(x_h + b_h + r·(h·R_h + b'_h)), bias [2, 3·units])
// as whole-sequence passes, built as gru.cc builds tfjs-layers' GRU. One recurrent product a step each way, of all
// three gates at once: the reset gate comes after it. With sigmoid gates on cuda, libtorch's at::gru (cuDNN) runs it
// instead (libtorch_rnn.h).
#include <ATen/ATen.h>

#include "blas.h"
#include "gru_aten_backward.h"
#include "gru_steps_cpu.h"
#include "libtorch_rnn.h"
#include "recurrent.h"
#include "recurrent_support.h"

namespace mimo {

using namespace rnn;

namespace {

// The bias's rows: the input bias b, then the recurrent bias b' (undefined without a bias).
at::Tensor biasRow(const RecurrentInputs& in, int64_t row) { return in.bias.defined() ? in.bias[row] : at::Tensor(); }

// states: time-major, the z, r, candidate columns holding the projected inputs (statesWithProjectedInputs).
void forwardCpu(const RecurrentInputs& in, at::Tensor& states) {
  const int64_t steps = states.size(0), batch = in.x.size(0), units = in.recurrentKernel.size(0), width = 5 * units;
  at::Tensor mask = stepMaskRows(in), h0 = in.h0.contiguous(), kernel = in.recurrentKernel.contiguous();
  at::Tensor recurrentBias = in.bias.defined() ? in.bias[1].contiguous() : at::zeros({3 * units}, states.options());
  at::Tensor recurrent = at::empty({batch, 3 * units}, states.options());  // each step's h·R, rows per thread
  float* const data = states.data_ptr<float>();
  const float* const w = kernel.data_ptr<float>();
  const float* const rb = recurrentBias.data_ptr<float>();
  forEachRowBlock(batch, [&](int64_t first, int64_t rows) {
    float* rec = recurrent.data_ptr<float>() + first * 3 * units;
    cpu::Rows h = rowsOf(h0, first);
    for (int64_t t = 0; t < steps; ++t) {
      float* row = data + (t * batch + first) * width;
      sgemmRowMajor(rows, 3 * units, units, h.data, h.stride, w, 3 * units, 0.0f, rec, 3 * units);
      cpu::gruResetAfterForwardStep({{rec, 3 * units}, rb, h, maskAt(mask, t, first), row, rows, units, in.gate == GateActivation::HardSigmoid});
      h = {row, width};
    }
  });
}

// As forwardCpu, one ATen op at a time.
void forwardAten(const RecurrentInputs& in, at::Tensor& states) {
  const int64_t units = in.recurrentKernel.size(0);
  at::Tensor mask = stepMask(in), recurrentBias = biasRow(in, 1);
  at::Tensor h = in.h0;
  for (int64_t t = 0; t < states.size(0); ++t) {
    at::Tensor row = states[t];
    at::Tensor xt = row.narrow(1, 2 * units, 3 * units);  // read before the row is written below
    at::Tensor rec = recurrentBias.defined() ? at::addmm(recurrentBias, h, in.recurrentKernel) : at::mm(h, in.recurrentKernel);
    at::Tensor zr = gate(xt.narrow(1, 0, 2 * units) + rec.narrow(1, 0, 2 * units), in.gate);
    at::Tensor z = zr.narrow(1, 0, units), recurrentH = rec.narrow(1, 2 * units, units);
    at::Tensor candidate = at::tanh(xt.narrow(1, 2 * units, units) + zr.narrow(1, units, units) * recurrentH);
    at::Tensor hNew = z * h + (1 - z) * candidate;
    h = mask.defined() ? at::where(mask[t], hNew, h) : hNew;
    row.narrow(1, 0, units).copy_(h);
    row.narrow(1, units, units).copy_(recurrentH);
    row.narrow(1, 2 * units, 2 * units).copy_(zr);
    row.narrow(1, 4 * units, units).copy_(candidate);
  }
}

// Fills dPre (of x·kernel + b) and dRec (of h·R + b'), [steps, batch, 3·units], step by step; returns the gradient of the initial h.
at::Tensor backwardCpu(const RecurrentInputs& in, const at::Tensor& statesIn, const at::Tensor& dStatesIn, at::Tensor& dPre, at::Tensor& dRec) {
  const int64_t batch = in.x.size(0), steps = in.x.size(1), units = in.recurrentKernel.size(0);
  at::Tensor states = lastDimContiguous(statesIn), dStates = lastDimContiguous(dStatesIn);  // [batch, steps or 1, 5·units]
  // The recurrent kernel transposed once, [3·units, units]: each step's dh += dRec·Rᵀ is then a plain product.
  at::Tensor mask = stepMaskRows(in), h0 = in.h0.contiguous(), kernelT = in.recurrentKernel.t().contiguous();
  const StepRows s(states), d(dStates);
  const bool sequenceGradient = everyStep(dStates, steps);
  at::Tensor dh = lastStepGradient(dStates, 0, units);
  float *const dPreData = dPre.data_ptr<float>(), *const dRecData = dRec.data_ptr<float>();
  const float* const wT = kernelT.data_ptr<float>();
  forEachRowBlock(batch, [&](int64_t first, int64_t rows) {
    float* dhRows = dh.data_ptr<float>() + first * units;
    for (int64_t t = steps - 1; t >= 0; --t) {
      const bool previous = t > 0 && sequenceGradient;  // the sequence's gradient for step t − 1
      const int64_t offset = (t * batch + first) * 3 * units;
      cpu::gruResetAfterBackwardStep({s.at(t, first), t == 0 ? rowsOf(h0, first) : s.at(t - 1, first), maskAt(mask, t, first),
                                      previous ? d.at(t - 1, first) : cpu::Rows{}, dhRows, dPreData + offset, dRecData + offset, rows, units,
                                      in.gate == GateActivation::HardSigmoid});
      sgemmRowMajor(rows, units, 3 * units, dRecData + offset, 3 * units, wT, units, 1.0f, dhRows, units);
    }
  });
  return dh;
}

// As backwardCpu, in ATen ops: per-step factors for all steps at once, then only the recurrence step by step.
at::Tensor backwardAten(const RecurrentInputs& in, const at::Tensor& hPrev, const at::Tensor& states, const at::Tensor& dStates, at::Tensor& dPre, at::Tensor& dRec) {
  const int64_t units = in.recurrentKernel.size(0);
  at::Tensor timeMajor = states.transpose(0, 1), kernelT = in.recurrentKernel.t();
  at::Tensor recurrentH = timeMajor.narrow(2, units, units), z = timeMajor.narrow(2, 2 * units, units);
  at::Tensor r = timeMajor.narrow(2, 3 * units, units), candidate = timeMajor.narrow(2, 4 * units, units);
  at::Tensor rFactor = recurrentH * gateSlope(r, in.gate);  // d(r pre-activation) = d(candidate pre-activation) · rFactor
  return gruBackwardRecurrence(in, hPrev, z, candidate, dStates, dPre, [&](int64_t t, const at::Tensor& dhNew, at::Tensor& dp) {
    at::Tensor dq = dRec[t], dr = dp.narrow(1, units, units), dCandidate = dp.narrow(1, 2 * units, units);
    at::mul_out(dr, dCandidate, rFactor[t]);
    dq.narrow(1, 0, 2 * units).copy_(dp.narrow(1, 0, 2 * units));
    at::Tensor dRecurrentH = dq.narrow(1, 2 * units, units);
    at::mul_out(dRecurrentH, dCandidate, r[t]);
    return at::addmm(dhNew * z[t], dq, kernelT);
  });
}

}  // namespace

std::vector<at::Tensor> gruResetAfterForward(const RecurrentInputs& in) {
  validate(in, 3, false, 2);
  if (auto states = tryLibtorchRnnForward(in, LibtorchCell::ResetAfterGru)) return *states;
  at::Tensor states = statesWithProjectedInputs(in, 5 * in.recurrentKernel.size(0), biasRow(in, 0));
  if (cpuSteps(in)) forwardCpu(in, states);
  else forwardAten(in, states);
  return {states.transpose(0, 1)};
}

std::vector<at::Tensor> gruResetAfterBackward(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates) {
  validate(in, 3, false, 2);
  const int64_t batch = in.x.size(0), steps = in.x.size(1), units = in.recurrentKernel.size(0);
  validateStates(in, states, dStates, 5 * units);
  if (libtorchRnnRecorded(states)) return libtorchRnnBackward(in, states, dStates);
  at::Tensor dPre = at::empty({steps, batch, 3 * units}, states.options()), dRec = at::empty_like(dPre);
  at::Tensor dh = cpuSteps(in) ? backwardCpu(in, states, dStates, dPre, dRec)
                               : backwardAten(in, previousStates(in.h0, states.narrow(2, 0, units)), states, everyStepGradient(dStates, steps), dPre, dRec);
  at::Tensor dBias = in.bias.defined() ? at::stack({dPre.reshape({-1, 3 * units}).sum(0), dRec.reshape({-1, 3 * units}).sum(0)}) : at::Tensor();
  std::vector<at::Tensor> out;
  appendWeightGradients(in, dPre, previousStateProduct(in.h0, states.narrow(2, 0, units), dRec), out, dBias);
  out.push_back(dh);
  return out;
}

}  // namespace mimo
