import { Logs } from '../metrics/head-metrics';

/** Averages of the total and per-head losses over the batches so far, weighted by batch size (as Keras). */
export class RunningLosses {
  private examples = 0;
  private sums: Logs = {};

  add(examples: number, loss: number, headLosses: Record<string, number>): void {
    this.examples += examples;
    const values: Logs = { loss, ...Object.fromEntries(Object.entries(headLosses).map(([head, v]) => [`${head}_loss`, v])) };
    for (const [name, value] of Object.entries(values)) this.sums[name] = (this.sums[name] ?? 0) + value * examples;
  }

  /** Examples added so far. */
  get count(): number {
    return this.examples;
  }

  results(): Logs {
    return Object.fromEntries(Object.entries(this.sums).map(([name, sum]) => [name, sum / this.examples]));
  }
}
