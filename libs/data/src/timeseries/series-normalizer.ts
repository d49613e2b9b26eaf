import { z } from 'zod';
import { parseWith } from '../errors/parse-with';
import { columnStats } from '../preprocess/numeric-preprocessor';

const SeriesNormalizerStateSchema = z.object({
  mean: z.array(z.number()).describe('Per-feature mean over the training period.'),
  std: z.array(z.number()).describe('Per-feature standard deviation over the training period (0 is read as 1).'),
});
export type SeriesNormalizerState = z.infer<typeof SeriesNormalizerStateSchema>;

/** Per-feature standardisation of a series, fitted on the training period's steps only. */
export class SeriesNormalizer {
  constructor(readonly state: SeriesNormalizerState) {}

  /** Fits on `steps[from .. to)` (the training period), never on later steps. */
  static fit(steps: readonly (readonly number[])[], from = 0, to = steps.length): SeriesNormalizer {
    const period = steps.slice(from, to);
    if (period.length === 0) throw new Error('SeriesNormalizer: expected at least one step in the training period, received none');
    const stats = period[0].map((_, f) => columnStats(period.map((step) => step[f])));
    return new SeriesNormalizer({ mean: stats.map((s) => s.mean), std: stats.map((s) => s.std) });
  }

  static fromJSON(saved: unknown): SeriesNormalizer {
    return new SeriesNormalizer(parseWith(SeriesNormalizerStateSchema, saved, 'series normalizer state'));
  }

  apply(step: readonly number[]): number[] {
    return step.map((v, f) => (v - this.state.mean[f]) / (this.state.std[f] || 1));
  }

  toJSON(): SeriesNormalizerState {
    return this.state;
  }
}
