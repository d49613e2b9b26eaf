#include "head_loss.h"

#include <ATen/ATen.h>

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
    default: return (p - y).square().mean(-1);
  }
}

}  // namespace

HeadLoss headLossNamed(const std::string& name) {
  if (name == "binaryCrossentropy") return HeadLoss::BinaryCrossentropy;
  if (name == "categoricalCrossentropy") return HeadLoss::CategoricalCrossentropy;
  if (name == "meanSquaredError") return HeadLoss::MeanSquaredError;
  throw std::invalid_argument("torch backend: a head loss must be one of binaryCrossentropy, categoricalCrossentropy, meanSquaredError. Received: '" + name + "'");
}

at::Tensor headLossForward(HeadLoss loss, const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights, double epsilon) {
  at::Tensor losses = perExample(loss, yTrue.to(yPred.scalar_type()), yPred, epsilon);
  if (weights.defined()) losses.mul_(weights.to(yPred.scalar_type()));
  return losses.mean();
}

at::Tensor headLossBackward(HeadLoss loss, const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights, const at::Tensor& dLoss, double epsilon) {
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
    default: return (yPred - y).mul_(perRow).mul_(2 / units);
  }
}

}  // namespace mimo
