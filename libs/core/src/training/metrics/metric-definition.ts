import { z } from 'zod';
import { HeadConfig, HeadType } from '../../heads';

/** A running metric over batches: targets and predictions arrive flattened row-major, `units` per example. */
export interface MetricAccumulator {
  update(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, units: number): void;
  /** The value over everything seen so far (NaN before any example). */
  result(): number;
  /** True when `result` costs more than O(classes) (AUC sorts every prediction): left out of batch logs. */
  readonly costly?: boolean;
}

export interface MetricDefinition<C> {
  /** Head types this metric means something for. */
  appliesTo: readonly HeadType[];
  create(config: C, head: HeadConfig): MetricAccumulator;
}

/** Fields every metric config shares. */
export const MetricFields = {
  name: z.string().regex(/^[A-Za-z0-9_]+$/).optional().describe('Name in the logs after the head name (`<head>_<name>`). Defaults to the type.'),
};

export const ThresholdField = z.number().gt(0).lt(1).default(0.5).describe('Probability above which a sigmoid output counts as positive. Defaults to 0.5.');

/** Index of the largest of `units` values starting at `offset`. */
export function argmax(values: ArrayLike<number>, offset: number, units: number): number {
  let best = 0;
  for (let j = 1; j < units; j++) if (values[offset + j] > values[offset + best]) best = j;
  return best;
}

/** Accumulates a weighted sum and a count: the base of every mean-style metric. */
export class MeanAccumulator implements MetricAccumulator {
  private sum = 0;
  private count = 0;

  constructor(
    private readonly term: (yTrue: ArrayLike<number>, yPred: ArrayLike<number>, units: number, add: (value: number) => void) => void,
    private readonly finish: (mean: number) => number = (mean) => mean,
  ) {}

  update(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, units: number): void {
    this.term(yTrue, yPred, units, (value) => {
      this.sum += value;
      this.count += 1;
    });
  }

  result(): number {
    return this.count === 0 ? NaN : this.finish(this.sum / this.count);
  }
}
