/** Counts and rates of a binary classifier at one decision threshold (score ≥ threshold → positive). */
export interface ThresholdMetrics {
  threshold: number;
  accuracy: number;
  precision: number;
  recall: number;
  specificity: number;
  f1: number;
}

export function metricsAtThreshold(labels: readonly number[], scores: readonly number[], threshold: number): ThresholdMetrics {
  let [tp, fp, tn, fn] = [0, 0, 0, 0];
  labels.forEach((label, i) => {
    const positive = scores[i] >= threshold;
    if (label === 1) positive ? tp++ : fn++;
    else positive ? fp++ : tn++;
  });
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const [precision, recall] = [ratio(tp, tp + fp), ratio(tp, tp + fn)];
  return { threshold, accuracy: ratio(tp + tn, labels.length), precision, recall, specificity: ratio(tn, tn + fp), f1: ratio(2 * precision * recall, precision + recall) };
}

/**
 * The threshold with the highest Youden's J (recall + specificity − 1) over the given labels and scores:
 * unlike accuracy, J does not depend on the share of positives, which differs between PneumoniaMNIST's
 * splits. Candidates are the midpoints between consecutive distinct scores; ties keep the one nearest 0.5.
 */
export function youdenThreshold(labels: readonly number[], scores: readonly number[]): ThresholdMetrics {
  if (!labels.includes(0) || !labels.includes(1)) throw new Error(`choosing a threshold needs both classes; the labels hold only ${labels[0]}`);
  const distinct = [...new Set(scores)].sort((a, b) => a - b);
  const candidates = distinct.slice(1).map((s, i) => (s + distinct[i]) / 2);
  let best = metricsAtThreshold(labels, scores, 0.5);
  for (const t of candidates) {
    const m = metricsAtThreshold(labels, scores, t);
    const [j, bestJ] = [m.recall + m.specificity, best.recall + best.specificity];
    if (j > bestJ + 1e-12 || (Math.abs(j - bestJ) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best.threshold - 0.5))) best = m;
  }
  return best;
}
