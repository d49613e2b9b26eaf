import { SeededRandom } from '@mimo/core';

/** A text as a sparse bag of words: token ids (PAD dropped) with L2-normalised log(1 + count) weights. */
export interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

export type LinearTask = 'binary' | 'multiclass' | 'regression';

export interface BowOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}

/** One row of padded token ids → its bag of words. */
export function bagOfWords(ids: ArrayLike<number>): SparseVector {
  const counts = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) counts.set(ids[i], (counts.get(ids[i]) ?? 0) + 1);
  const values = Float32Array.from(counts.values(), (c) => Math.log1p(c));
  const norm = Math.hypot(...values) || 1;
  return { ids: Int32Array.from(counts.keys()), values: values.map((v) => v / norm) };
}

/**
 * Logistic (binary: sigmoid; multiclass: softmax) or linear (regression) model on bags of words, fitted by
 * plain SGD on the log loss / squared error with L2: the classic baseline a text encoder has to beat.
 */
export class BowLinearModel {
  private readonly weights: Float32Array[];
  private readonly bias: Float32Array;

  constructor(
    readonly task: LinearTask,
    readonly vocabSize: number,
    readonly outputs: number,
  ) {
    this.weights = Array.from({ length: outputs }, () => new Float32Array(vocabSize));
    this.bias = new Float32Array(outputs);
  }

  /** Scores of one text: probabilities (binary: of the positive class; multiclass: per class) or values. */
  predict(x: SparseVector): number[] {
    const z = this.weights.map((w, k) => {
      let sum = this.bias[k];
      for (let j = 0; j < x.ids.length; j++) sum += w[x.ids[j]] * x.values[j];
      return sum;
    });
    if (this.task === 'regression') return z;
    if (this.task === 'binary') return z.map((v) => 1 / (1 + Math.exp(-v)));
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  }

  /** SGD over the examples in a seeded order each epoch; `targets[i]` has `outputs` values (0/1, one-hot, or numbers). */
  fit(xs: readonly SparseVector[], targets: readonly number[][], options: BowOptions = {}): this {
    const { epochs = 15, learningRate = 0.5, l2 = 1e-5, seed = 42 } = options;
    const random = new SeededRandom(seed);
    const order = xs.map((_, i) => i);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const lr = learningRate / (1 + epoch);
      for (const i of order) {
        const x = xs[i];
        // For all three losses the gradient with respect to z is (prediction − target).
        const gradient = this.predict(x).map((p, k) => p - targets[i][k]);
        gradient.forEach((g, k) => {
          const w = this.weights[k];
          for (let j = 0; j < x.ids.length; j++) w[x.ids[j]] -= lr * (g * x.values[j] + l2 * w[x.ids[j]]);
          this.bias[k] -= lr * g;
        });
      }
    }
    return this;
  }
}
