import { z } from 'zod';
import { MetricAccumulator, MetricDefinition, MetricFields } from './metric-definition';

export const R2ConfigSchema = z
  .object({ type: z.literal('r2').describe('Coefficient of determination.'), ...MetricFields })
  .describe('R²: 1 − residual sum of squares / total sum of squares, per output, averaged over outputs (Keras `R2Score`).');

export type R2Config = z.infer<typeof R2ConfigSchema>;

class R2Accumulator implements MetricAccumulator {
  private stats: { n: number; sum: number; sumSquares: number; residual: number }[] = [];

  update(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, units: number): void {
    for (let i = 0; i < yTrue.length; i++) {
      const s = (this.stats[i % units] ??= { n: 0, sum: 0, sumSquares: 0, residual: 0 });
      s.n += 1;
      s.sum += yTrue[i];
      s.sumSquares += yTrue[i] * yTrue[i];
      s.residual += (yTrue[i] - yPred[i]) ** 2;
    }
  }

  result(): number {
    if (this.stats.length === 0) return NaN;
    const scores = this.stats.map((s) => {
      const total = s.sumSquares - (s.sum * s.sum) / s.n;
      return total > 0 ? 1 - s.residual / total : s.residual === 0 ? 1 : 0;
    });
    return scores.reduce((a, b) => a + b, 0) / scores.length;
  }
}

export const r2Metric: MetricDefinition<R2Config> = { appliesTo: ['regression'], create: () => new R2Accumulator() };
