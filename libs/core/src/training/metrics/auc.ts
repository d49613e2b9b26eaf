import { z } from 'zod';
import { MetricAccumulator, MetricDefinition, MetricFields } from './metric-definition';

export const AucConfigSchema = z
  .object({ type: z.literal('auc').describe('Area under the ROC curve.'), ...MetricFields })
  .describe('ROC AUC, exact (rank statistic with ties averaged) over every output flattened, as Keras `AUC` does by default.');

export type AucConfig = z.infer<typeof AucConfigSchema>;

/** Keeps every (score, label) pair and computes the Mann–Whitney statistic. */
class AucAccumulator implements MetricAccumulator {
  readonly costly = true;
  private scores: number[] = [];
  private labels: boolean[] = [];

  update(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
    for (let i = 0; i < yTrue.length; i++) {
      this.scores.push(yPred[i]);
      this.labels.push(yTrue[i] > 0.5);
    }
  }

  result(): number {
    const order = this.scores.map((_, i) => i).sort((a, b) => this.scores[a] - this.scores[b]);
    let positives = 0;
    let positiveRankSum = 0;
    for (let start = 0; start < order.length; ) {
      let end = start;
      while (end + 1 < order.length && this.scores[order[end + 1]] === this.scores[order[start]]) end++;
      const rank = (start + end) / 2 + 1; // ties share their average rank
      for (let k = start; k <= end; k++) {
        if (this.labels[order[k]]) {
          positives += 1;
          positiveRankSum += rank;
        }
      }
      start = end + 1;
    }
    const negatives = order.length - positives;
    if (positives === 0 || negatives === 0) return NaN;
    return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
  }
}

export const aucMetric: MetricDefinition<AucConfig> = { appliesTo: ['binary', 'multiclass', 'multilabel'], create: () => new AucAccumulator() };
