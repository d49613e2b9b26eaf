/** Test-split figures every row of the report has: return errors (percent points) and direction scores. */
export interface FinanceScores {
  rmse: number;
  mae: number;
  /** Share of days whose predicted direction is the real one. */
  directionalAccuracy: number;
  /** Matthews correlation of predicted vs real direction (0 for a constant guess). */
  mcc: number;
}

/** Matthews correlation coefficient of binary labels and predictions; 0 when a margin is empty (constant). */
export function mcc(actual: readonly number[], predicted: readonly number[]): number {
  let [tp, tn, fp, fn] = [0, 0, 0, 0];
  actual.forEach((a, i) => {
    if (predicted[i] === 1) a === 1 ? tp++ : fp++;
    else a === 1 ? fn++ : tn++;
  });
  const denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return denominator === 0 ? 0 : (tp * tn - fp * fn) / denominator;
}

/**
 * Scores of predicted returns (percent; null: the row predicts no return, e.g. a class baseline) and
 * predicted directions (1 up) against the real returns and labels.
 */
export function financeScores(returns: readonly number[], labels: readonly number[], predictedReturns: readonly number[] | null, predictedUp: readonly number[]): FinanceScores {
  const n = returns.length;
  const errors = predictedReturns ? returns.map((r, i) => predictedReturns[i] - r) : [];
  return {
    rmse: predictedReturns ? Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / n) : NaN,
    mae: predictedReturns ? errors.reduce((s, e) => s + Math.abs(e), 0) / n : NaN,
    directionalAccuracy: labels.filter((l, i) => l === predictedUp[i]).length / n,
    mcc: mcc(labels, predictedUp),
  };
}
