#include "head_loss.h"

#include "head_loss_cpu.h"

#include <ATen/ATen.h>

#include <iterator>
#include <stdexcept>

namespace mimo {

namespace {

// What the cross-entropies read: the prediction clipped to [ε, 1 − ε] (categorical: after each row is scaled to
// sum to 1), and where the clip leaves it alone (tfjs's clipByValue passes the gradient at the bounds too).
struct Clipped {
  at::Tensor q, inside;
};

Clipped clip(const at::Tensor& p, double epsilon) {
  return {p.clamp(epsilon, 1 - epsilon), p.ge(epsilon).logical_and_(p.le(1 - epsilon)).to(p.scalar_type())};
}

// [batch] per-example losses.
at::Tensor perExample(HeadLoss loss, const at::Tensor& y, const at::Tensor& p, double epsilon) {
  switch (loss) {
    case HeadLoss::BinaryCrossentropy: {
      const at::Tensor q = p.clamp(epsilon, 1 - epsilon);
      return (y * q.log() + (1 - y) * (1 - q).log()).mean(-1).neg_();
    }
    case HeadLoss::CategoricalCrossentropy: return (y * (p / p.sum(-1, true)).clamp(epsilon, 1 - epsilon).log()).sum(-1).neg_();
    case HeadLoss::MeanAbsoluteError: return (p - y).abs_().mean(-1);
    // tfjs's form, which neither overflows nor loses 1 + e^−|x| to rounding.
    case HeadLoss::SigmoidCrossEntropy: return (p.clamp_min(0) - p * y + p.abs().neg_().exp_().log1p_()).mean(-1);
    case HeadLoss::SoftmaxCrossEntropy: return (y * p.log_softmax(-1)).sum(-1).neg_();
    default: return (p - y).square().mean(-1);
  }
}

const char* const kHeadLossNames[] = {"binaryCrossentropy", "categoricalCrossentropy", "meanSquaredError", "meanAbsoluteError", "sigmoidCrossEntropy", "softmaxCrossEntropy"};

}  // namespace

HeadLoss headLossNamed(const std::string& name) {
  std::string known;
  for (size_t i = 0; i < std::size(kHeadLossNames); ++i) {
    if (name == kHeadLossNames[i]) return static_cast<HeadLoss>(i);
    known += (i == 0 ? "" : ", ") + std::string(kHeadLossNames[i]);
  }
  throw std::invalid_argument("torch backend: a head loss must be one of " + known + ". Received: '" + name + "'");
}

at::Tensor headLossForward(HeadLoss loss, const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights, double epsilon, bool atenOps) {
  if (std::optional<at::Tensor> cpu = atenOps ? std::nullopt : headLossForwardCpu(loss, yTrue, yPred, weights, epsilon)) return *cpu;
  at::Tensor losses = perExample(loss, yTrue.to(yPred.scalar_type()), yPred, epsilon);
  if (weights.defined()) losses.mul_(weights.to(yPred.scalar_type()));
  return losses.mean();
}

at::Tensor headLossBackward(HeadLoss loss, const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights, const at::Tensor& dLoss, double epsilon, bool atenOps) {
  if (std::optional<at::Tensor> cpu = atenOps ? std::nullopt : headLossBackwardCpu(loss, yTrue, yPred, weights, dLoss, epsilon)) return *cpu;
  const at::Tensor y = yTrue.to(yPred.scalar_type());
  // d(mean over the batch of weight · loss) / d(loss of example i): dLoss · weightᵢ / batch, as a [batch, 1] column.
  at::Tensor perRow = dLoss.to(yPred.scalar_type()).div(yPred.size(0)).expand({yPred.size(0)});
  if (weights.defined()) perRow = perRow * weights.to(yPred.scalar_type());
  perRow = perRow.unsqueeze(-1);
  const double units = static_cast<double>(yPred.size(-1));
  switch (loss) {
    case HeadLoss::BinaryCrossentropy: {
      const Clipped c = clip(yPred, epsilon);
      return ((1 - y) / (1 - c.q) - y / c.q).mul_(c.inside).mul_(perRow).div_(units);
    }
    case HeadLoss::CategoricalCrossentropy: {
      // r = p / Σp, q = clip(r), loss = −Σ y·log q: dL/dr = −y/q where unclipped, dL/dp = (dL/dr − Σ dL/dr·r) / Σp.
      const at::Tensor sum = yPred.sum(-1, true);
      const at::Tensor r = yPred / sum;
      const Clipped c = clip(r, epsilon);
      const at::Tensor dr = (y / c.q).neg_().mul_(c.inside).mul_(perRow);
      return (dr - (dr * r).sum(-1, true)).div_(sum);
    }
    case HeadLoss::MeanAbsoluteError: return at::where(yPred > y, 1.0, -1.0).to(yPred.scalar_type()).mul_(perRow).div_(units);
    case HeadLoss::SigmoidCrossEntropy: {
      // σ(x) − y, as 1 − y − t for x > 0 and t − y otherwise with t = e^−|x| / (1 + e^−|x|): no cancellation where σ(x) ≈ 1.
      const at::Tensor e = yPred.abs().neg_().exp_();
      const at::Tensor t = e / (e + 1);
      return at::where(yPred > 0, (1 - y) - t, t - y).mul_(perRow).div_(units);
    }
    case HeadLoss::SoftmaxCrossEntropy: return (yPred.softmax(-1) * y.sum(-1, true) - y).mul_(perRow);
    default: return (yPred - y).mul_(perRow).mul_(2 / units);
  }
}

}  // namespace mimo
