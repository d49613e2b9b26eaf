/** Mean and sample standard deviation (n − 1) of one metric across folds. */
export interface MeanStd {
  mean: number;
  std: number;
}

/** Mean ± std of every metric the folds share (a metric missing from one fold is left out). */
export function summarizeFolds(folds: readonly Record<string, number>[]): Record<string, MeanStd> {
  const keys = Object.keys(folds[0] ?? {}).filter((key) => folds.every((fold) => Number.isFinite(fold[key])));
  return Object.fromEntries(
    keys.map((key) => {
      const values = folds.map((fold) => fold[key]);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const variance = values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
      return [key, { mean, std: Math.sqrt(variance) }];
    }),
  );
}
