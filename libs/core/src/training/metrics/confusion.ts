import { z } from 'zod';
import { HeadConfig } from '../../heads';
import { argmax, MetricAccumulator, MetricDefinition, MetricFields, ThresholdField } from './metric-definition';

const AverageField = z
  .enum(['micro', 'macro'])
  .optional()
  .describe('micro: pool the counts of every class / label; macro: average the per-class scores. Defaults to macro for multiclass, micro otherwise.');

function confusionConfig<T extends string>(type: T, description: string) {
  return z
    .object({ type: z.literal(type).describe(description), threshold: ThresholdField, average: AverageField, ...MetricFields })
    .describe(`${description} Binary and multilabel threshold each output; multiclass predicts the argmax.`);
}

export const PrecisionConfigSchema = confusionConfig('precision', 'Precision: true positives / predicted positives.');
export const RecallConfigSchema = confusionConfig('recall', 'Recall: true positives / actual positives.');
export const F1ConfigSchema = confusionConfig('f1', 'F1: harmonic mean of precision and recall.');

export type PrecisionConfig = z.infer<typeof PrecisionConfigSchema>;
export type RecallConfig = z.infer<typeof RecallConfigSchema>;
export type F1Config = z.infer<typeof F1ConfigSchema>;
type ConfusionConfig = PrecisionConfig | RecallConfig | F1Config;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

type Score = (c: Counts) => number;
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const precision: Score = (c) => ratio(c.tp, c.tp + c.fp);
const recall: Score = (c) => ratio(c.tp, c.tp + c.fn);
const f1: Score = (c) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);

/** True / false positives and false negatives per class (multiclass) or per output (binary, multilabel). */
class ConfusionAccumulator implements MetricAccumulator {
  private counts: Counts[] = [];
  private seen = false;

  constructor(
    private readonly score: Score,
    private readonly config: ConfusionConfig,
    private readonly head: HeadConfig,
  ) {}

  private count(k: number, predicted: boolean, actual: boolean): void {
    const c = (this.counts[k] ??= { tp: 0, fp: 0, fn: 0 });
    if (predicted && actual) c.tp++;
    else if (predicted) c.fp++;
    else if (actual) c.fn++;
  }

  update(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, units: number): void {
    this.seen ||= yTrue.length > 0;
    for (let i = 0; i < yTrue.length; i += units) {
      if (this.head.type === 'multiclass') {
        const actual = argmax(yTrue, i, units);
        const predicted = argmax(yPred, i, units);
        for (let k = 0; k < units; k++) this.count(k, predicted === k, actual === k);
      } else {
        for (let k = 0; k < units; k++) this.count(k, yPred[i + k] > this.config.threshold, yTrue[i + k] > 0.5);
      }
    }
  }

  result(): number {
    if (!this.seen) return NaN;
    const average = this.config.average ?? (this.head.type === 'multiclass' ? 'macro' : 'micro');
    const present = this.counts.filter((c): c is Counts => c !== undefined);
    if (average === 'macro') return present.reduce((sum, c) => sum + this.score(c), 0) / present.length;
    return this.score(present.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 }));
  }
}

function confusionMetric<C extends ConfusionConfig>(score: Score): MetricDefinition<C> {
  return { appliesTo: ['binary', 'multiclass', 'multilabel'], create: (config, head) => new ConfusionAccumulator(score, config, head) };
}

export const precisionMetric = confusionMetric<PrecisionConfig>(precision);
export const recallMetric = confusionMetric<RecallConfig>(recall);
export const f1Metric = confusionMetric<F1Config>(f1);
