// What the whole-sequence passes of recurrent.cc (LSTM), gru.cc and gru_reset_after.cc share: gate math in ATen ops,
// validation, the projected inputs, weight gradients, masks, and the cpu loops' row access and threading.
#pragma once

#include <ATen/Parallel.h>
#include <ATen/core/Tensor.h>

#include <vector>

#include "lstm_steps_cpu.h"  // cpu::Rows
#include "recurrent.h"

namespace mimo::rnn {

at::Tensor gate(const at::Tensor& z, GateActivation activation);
/** gate(z) written into `out` (a slice of the states row). */
void gateInto(at::Tensor& out, const at::Tensor& z, GateActivation activation);
/**
 * d gate(z) / dz from y = gate(z). hardSigmoid: 0.2 where it is not clipped (tfjs's clipByValue gradient also passes at
 * exactly 0.2·z + 0.5 ∈ {0, 1}, a set of measure zero).
 */
at::Tensor gateSlope(const at::Tensor& y, GateActivation activation);

/** Checks shapes: kernels of `gates`·units columns, a bias of `biasRows` such rows (1: [gates·units]), c0 `withCell`. */
void validate(const RecurrentInputs& in, int64_t gates, bool withCell, int64_t biasRows = 1);
/**
 * The backward pass's states, [batch, steps, width], and their gradient: the same shape, or [batch, 1, width] when
 * only the last step's states get one (the cpu loops read them by pointer).
 */
void validateStates(const RecurrentInputs& in, const at::Tensor& states, const at::Tensor& dStates, int64_t width);

/** Whether dStates has every step's gradient, not only the last step's. */
inline bool everyStep(const at::Tensor& dStates, int64_t steps) { return dStates.size(1) == steps; }
/** dStates for every step: a last-step-only gradient with zeros before it. */
at::Tensor everyStepGradient(const at::Tensor& dStates, int64_t steps);

/**
 * Time-major [steps, batch, width] states whose gate columns, the last gates·units, hold x·kernel + bias (one GEMM
 * for every step; `bias` undefined for none): each step adds its recurrent product there, or reads it, and turns the
 * pre-activations (in the gates' order) into the gates in place, so they need no buffer of their own.
 */
at::Tensor statesWithProjectedInputs(const RecurrentInputs& in, int64_t width, const at::Tensor& bias);

/** Time-major [steps, batch, 1] bool mask; undefined without a mask. */
at::Tensor stepMask(const RecurrentInputs& in);
/** The state each step started from, time-major: [initial, states[:, :-1]]. */
at::Tensor previousStates(const at::Tensor& initial, const at::Tensor& states);
/** Σ_t h_{t−1}ᵀ·d_t with h_{−1} = initial, for h [batch, steps, units] and d [steps, batch, n] (rows contiguous). */
at::Tensor previousStateProduct(const at::Tensor& initial, const at::Tensor& h, const at::Tensor& d);
/**
 * Appends dx, dKernel, dRecurrentKernel and the bias's gradient given d(projected inputs) per step; that gradient is
 * undefined without a bias, Σ dProjected by default, `dBias` where given.
 */
void appendWeightGradients(const RecurrentInputs& in, const at::Tensor& dProjected, const at::Tensor& dRecurrentKernel, std::vector<at::Tensor>& out,
                           const at::Tensor& dBias = at::Tensor());
/** Splits the carried gradient at a masked step: returns the part reaching this step's cell, leaves the carried part in `carried`. */
at::Tensor throughStep(at::Tensor& carried, const at::Tensor& maskF, int64_t t);

/**
 * Float32 on the cpu runs each step's pointwise work in vectorised loops (lstm_ / gru_steps_cpu.h); every other case
 * runs ATen ops (any device, any dtype, an empty batch), as the cpu does too when asked, to check them there.
 */
bool cpuSteps(const RecurrentInputs& in);

/** Float rows, from row `first`, of a [batch, units] tensor whose last dimension is contiguous. */
inline cpu::Rows rowsOf(const at::Tensor& t, int64_t first) { return {t.data_ptr<float>() + first * t.stride(0), t.stride(0)}; }
inline at::Tensor lastDimContiguous(const at::Tensor& t) { return t.stride(-1) == 1 ? t : t.contiguous(); }

/** Time-major [steps, batch] float 0/1 mask, contiguous; undefined without a mask. */
at::Tensor stepMaskRows(const RecurrentInputs& in);
/** Step t's row of stepMaskRows from row `first`, or null without a mask. */
inline const float* maskAt(const at::Tensor& mask, int64_t t, int64_t first) {
  return mask.defined() ? mask.data_ptr<float>() + t * mask.size(1) + first : nullptr;
}

/** Step t's rows, from row `first` and column `offset`, of a [batch, steps, width] float tensor whose last dimension is contiguous. */
struct StepRows {
  explicit StepRows(const at::Tensor& t) : data(t.data_ptr<float>()), batchStride(t.stride(0)), stepStride(t.stride(1)) {}
  cpu::Rows at(int64_t t, int64_t first, int64_t offset = 0) const { return {data + t * stepStride + first * batchStride + offset, batchStride}; }
  const float* data;
  int64_t batchStride, stepStride;
};

/** Rows of the batch below which a block is not split across threads: smaller GEMMs lose more than a thread gains. */
constexpr int64_t kRowsPerThread = 16;

/**
 * Runs run(first, rows) on blocks of the batch, one per thread. Rows are independent through the whole sequence, so
 * each thread runs its block's every step with no barrier between steps, and its GEMMs on itself (blas.h).
 */
template <typename F>
void forEachRowBlock(int64_t batch, const F& run) {
  at::parallel_for(0, batch, kRowsPerThread, [&](int64_t begin, int64_t end) { run(begin, end - begin); });
}

/** The gradient reaching the last step's [offset, offset + units) columns, as a fresh contiguous [batch, units] buffer. */
at::Tensor lastStepGradient(const at::Tensor& dStates, int64_t offset, int64_t units);

}  // namespace mimo::rnn
