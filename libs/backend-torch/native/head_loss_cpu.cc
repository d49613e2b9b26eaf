#include "head_loss_cpu.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace mimo {

namespace {

// The operands as contiguous float32 rows; nullopt where the ATen chain runs instead (another device or dtype, a
// rank other than 2, weights other than one per row).
struct Rows {
  at::Tensor y, p, w;
  int64_t batch = 0, units = 0;
  const float* yRow(int64_t i) const { return y.data_ptr<float>() + i * units; }
  const float* pRow(int64_t i) const { return p.data_ptr<float>() + i * units; }
  double weight(int64_t i) const { return w.defined() ? w.data_ptr<float>()[i] : 1.0; }
};

std::optional<Rows> rowsOf(const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights) {
  if (!yPred.is_cpu() || yPred.scalar_type() != at::kFloat || yPred.dim() != 2 || !yTrue.is_cpu() || yTrue.sizes() != yPred.sizes()) return std::nullopt;
  if (weights.defined() && (!weights.is_cpu() || weights.dim() != 1 || weights.size(0) != yPred.size(0))) return std::nullopt;
  Rows rows;
  rows.p = yPred.contiguous();
  rows.y = yTrue.to(at::kFloat).contiguous();
  if (weights.defined()) rows.w = weights.to(at::kFloat).contiguous();
  rows.batch = yPred.size(0);
  rows.units = yPred.size(1);
  return rows;
}

// The cross-entropies' clip as ATen and tfjs make it on float32: bounds rounded to float, 1 − q taken in float.
struct Clip {
  float lo, hi;
  explicit Clip(double epsilon) : lo(static_cast<float>(epsilon)), hi(static_cast<float>(1 - epsilon)) {}
  float operator()(float p) const { return std::min(std::max(p, lo), hi); }
  bool inside(float p) const { return p >= lo && p <= hi; }
};

// A row's sum, in double (categorical cross-entropy scales each row to sum to 1).
float rowSum(const float* p, int64_t units) {
  double sum = 0;
  for (int64_t j = 0; j < units; ++j) sum += p[j];
  return static_cast<float>(sum);
}

// log Σ e^x over a row, from its largest element.
double logSumExp(const float* x, int64_t units) {
  const double top = *std::max_element(x, x + units);
  double sum = 0;
  for (int64_t j = 0; j < units; ++j) sum += std::exp(x[j] - top);
  return top + std::log(sum);
}

double rowLoss(HeadLoss loss, const float* y, const float* p, int64_t units, const Clip& clip) {
  double total = 0;
  switch (loss) {
    case HeadLoss::BinaryCrossentropy:
      for (int64_t j = 0; j < units; ++j) {
        const float q = clip(p[j]);
        total -= y[j] * std::log(static_cast<double>(q)) + (1.0 - y[j]) * std::log(static_cast<double>(1.0f - q));
      }
      return total / units;
    case HeadLoss::CategoricalCrossentropy: {
      const float sum = rowSum(p, units);
      for (int64_t j = 0; j < units; ++j) total -= y[j] * std::log(static_cast<double>(clip(p[j] / sum)));
      return total;
    }
    case HeadLoss::MeanAbsoluteError:
      for (int64_t j = 0; j < units; ++j) total += std::abs(static_cast<double>(p[j]) - y[j]);
      return total / units;
    case HeadLoss::SigmoidCrossEntropy:
      for (int64_t j = 0; j < units; ++j) total += std::max<double>(p[j], 0) - static_cast<double>(p[j]) * y[j] + std::log1p(std::exp(-std::abs(static_cast<double>(p[j]))));
      return total / units;
    case HeadLoss::SoftmaxCrossEntropy: {
      const double lse = logSumExp(p, units);
      for (int64_t j = 0; j < units; ++j) total -= y[j] * (p[j] - lse);
      return total;
    }
    default:
      for (int64_t j = 0; j < units; ++j) total += (static_cast<double>(p[j]) - y[j]) * (static_cast<double>(p[j]) - y[j]);
      return total / units;
  }
}

// g = d(scale · row loss) / d p for one row.
void rowGradient(HeadLoss loss, const float* y, const float* p, int64_t units, double scale, const Clip& clip, float* g) {
  switch (loss) {
    case HeadLoss::BinaryCrossentropy:
      for (int64_t j = 0; j < units; ++j) {
        const float q = clip(p[j]);
        g[j] = clip.inside(p[j]) ? static_cast<float>(((1.0 - y[j]) / (1.0f - q) - y[j] / static_cast<double>(q)) * scale / units) : 0.0f;
      }
      return;
    case HeadLoss::CategoricalCrossentropy: {
      // r = p / Σp, loss = −Σ y·log clip(r): dL/dr = −y/q where unclipped, dL/dp = (dL/dr − Σ dL/dr·r) / Σp.
      const float sum = rowSum(p, units);
      double dot = 0;
      for (int64_t j = 0; j < units; ++j) {
        const float r = p[j] / sum;
        const double dr = clip.inside(r) ? -y[j] / static_cast<double>(clip(r)) * scale : 0.0;
        g[j] = static_cast<float>(dr);
        dot += dr * r;
      }
      for (int64_t j = 0; j < units; ++j) g[j] = static_cast<float>((g[j] - dot) / sum);
      return;
    }
    case HeadLoss::MeanAbsoluteError:
      for (int64_t j = 0; j < units; ++j) g[j] = static_cast<float>((p[j] > y[j] ? 1.0 : -1.0) * scale / units);
      return;
    case HeadLoss::SigmoidCrossEntropy:
      // σ(x) − y without cancellation where σ(x) ≈ 1, as head_loss.cc writes it.
      for (int64_t j = 0; j < units; ++j) {
        const double e = std::exp(-std::abs(static_cast<double>(p[j]))), t = e / (1 + e);
        g[j] = static_cast<float>((p[j] > 0 ? (1.0 - y[j]) - t : t - y[j]) * scale / units);
      }
      return;
    case HeadLoss::SoftmaxCrossEntropy: {
      const double lse = logSumExp(p, units);
      double labels = 0;
      for (int64_t j = 0; j < units; ++j) labels += y[j];
      for (int64_t j = 0; j < units; ++j) g[j] = static_cast<float>((std::exp(p[j] - lse) * labels - y[j]) * scale);
      return;
    }
    default:
      for (int64_t j = 0; j < units; ++j) g[j] = static_cast<float>(2 * (static_cast<double>(p[j]) - y[j]) * scale / units);
  }
}

}  // namespace

std::optional<at::Tensor> headLossForwardCpu(HeadLoss loss, const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights, double epsilon) {
  const std::optional<Rows> rows = rowsOf(yTrue, yPred, weights);
  if (!rows) return std::nullopt;
  const Clip clip(epsilon);
  double total = 0;
  for (int64_t i = 0; i < rows->batch; ++i) total += rows->weight(i) * rowLoss(loss, rows->yRow(i), rows->pRow(i), rows->units, clip);
  // The mean of an empty batch is NaN, as ATen's.
  return at::scalar_tensor(total / static_cast<double>(rows->batch), yPred.options());
}

std::optional<at::Tensor> headLossBackwardCpu(HeadLoss loss, const at::Tensor& yTrue, const at::Tensor& yPred, const at::Tensor& weights, const at::Tensor& dLoss, double epsilon) {
  const std::optional<Rows> rows = rowsOf(yTrue, yPred, weights);
  if (!rows || !dLoss.is_cpu() || dLoss.numel() != 1) return std::nullopt;
  const Clip clip(epsilon);
  const double perExample = dLoss.item<double>() / static_cast<double>(rows->batch);
  at::Tensor gradient = at::empty({rows->batch, rows->units}, yPred.options());
  float* g = gradient.data_ptr<float>();
  for (int64_t i = 0; i < rows->batch; ++i) rowGradient(loss, rows->yRow(i), rows->pRow(i), rows->units, perExample * rows->weight(i), clip, g + i * rows->units);
  return gradient;
}

}  // namespace mimo
