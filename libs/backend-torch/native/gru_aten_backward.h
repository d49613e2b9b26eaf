// What the backward passes of both GRUs (gru.cc: reset before the recurrent product; gru_reset_after.cc: after it)
// share in ATen ops: the gradient reaching each step's h, and from it the z and candidate pre-activations' gradients.
#pragma once

#include <ATen/ATen.h>

#include "recurrent_support.h"

namespace mimo::rnn {

/**
 * The GRU's backward recurrence in ATen ops, from the last step: the gradient reaching step t's h (the sequence's
 * gradient added, a masked step's carried past it) gives d(z pre-activation) and d(candidate pre-activation) in the z
 * and candidate columns of dPre[t] ([batch, 3·units]); then `rest(t, dhNew, dPre[t])` fills the r column and returns
 * the gradient the step passes to the previous h. hPrev, z and candidate are time-major [steps, batch, units];
 * dStates has every step's gradient. → the initial h's gradient.
 */
template <typename Rest>
at::Tensor gruBackwardRecurrence(const RecurrentInputs& in, const at::Tensor& hPrev, const at::Tensor& z, const at::Tensor& candidate,
                                 const at::Tensor& dStates, at::Tensor& dPre, const Rest& rest) {
  const int64_t units = in.recurrentKernel.size(0);
  const at::Tensor zFactor = (hPrev - candidate) * gateSlope(z, in.gate);
  const at::Tensor candidateFactor = (1 - z) * (1 - candidate * candidate);
  const at::Tensor maskF = in.mask.defined() ? stepMask(in).to(hPrev.scalar_type()) : at::Tensor();
  const at::Tensor dSeq = dStates.narrow(2, 0, units).transpose(0, 1);
  at::Tensor dh = at::zeros_like(in.h0);
  for (int64_t t = hPrev.size(0) - 1; t >= 0; --t) {
    dh = dh + dSeq[t];
    const at::Tensor dhNew = throughStep(dh, maskF, t);
    at::Tensor dt = dPre[t];
    at::Tensor dz = dt.narrow(1, 0, units), dCandidate = dt.narrow(1, 2 * units, units);
    at::mul_out(dz, dhNew, zFactor[t]);
    at::mul_out(dCandidate, dhNew, candidateFactor[t]);
    const at::Tensor dhPrev = rest(t, dhNew, dt);
    dh = maskF.defined() ? dh + dhPrev : dhPrev;
  }
  return dh;
}

}  // namespace mimo::rnn
