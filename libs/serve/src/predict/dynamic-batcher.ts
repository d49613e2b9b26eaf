import * as tf from '@tensorflow/tfjs';
import { concatInputBatches, exampleCount, InputBatches, OutputBatch, shapeSignature, sliceOutputRows } from './input-batch';

/** How concurrent requests are gathered into one forward pass. */
export interface BatchingOptions {
  /** Examples per forward pass at most: a pass starts as soon as this many wait. Defaults to 32. */
  maxBatchSize: number;
  /** How long the first waiting request waits for others, in milliseconds. Defaults to 2. */
  maxDelayMs: number;
}

export const DEFAULT_BATCHING: BatchingOptions = { maxBatchSize: 32, maxDelayMs: 2 };

interface Pending {
  inputs: InputBatches;
  count: number;
  resolve: (outputs: Record<string, OutputBatch>) => void;
  reject: (error: Error) => void;
}

/** Called after every forward pass with the number of examples it ran (for metrics). */
export type BatchListener = (size: number) => void;

/**
 * Gathers concurrent predictions for one model and runs them as one `model.predict`: a pass starts when
 * `maxBatchSize` examples wait or `maxDelayMs` after the first arrived. Requests whose per-example shapes differ
 * (variable-length sequences) run in separate passes. Every tensor is made and freed inside the pass, so requests
 * only ever hold typed arrays.
 */
export class DynamicBatcher {
  private queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly options: BatchingOptions = DEFAULT_BATCHING,
    private readonly onBatch: BatchListener = () => undefined,
  ) {}

  /** Outputs keyed by the model's output (head) names, with as many rows as the request had examples. */
  predict(inputs: InputBatches): Promise<Record<string, OutputBatch>> {
    return new Promise((resolve, reject) => {
      const count = exampleCount(inputs);
      this.queue.push({ inputs, count, resolve, reject });
      this.queued += count;
      if (this.queued >= this.options.maxBatchSize) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.options.maxDelayMs);
    });
  }

  /** Runs everything that waits now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.queue;
    this.queue = [];
    this.queued = 0;
    const groups = new Map<string, Pending[]>();
    for (const pending of waiting) {
      const key = shapeSignature(pending.inputs);
      groups.set(key, [...(groups.get(key) ?? []), pending]);
    }
    for (const group of groups.values()) this.run(group);
  }

  private run(group: Pending[]): void {
    let outputs: Record<string, OutputBatch>;
    try {
      outputs = this.forward(group);
    } catch (error) {
      for (const pending of group) pending.reject(error as Error);
      return;
    }
    let start = 0;
    for (const pending of group) {
      pending.resolve(Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, sliceOutputRows(output, start, pending.count)])));
      start += pending.count;
    }
  }

  private forward(group: Pending[]): Record<string, OutputBatch> {
    const size = group.reduce((sum, p) => sum + p.count, 0);
    const outputs: Record<string, OutputBatch> = {};
    tf.tidy(() => {
      const xs = this.model.inputNames.map((name) => {
        const batch = concatInputBatches(group.map((p) => p.inputs[name]));
        return tf.tensor(batch.values, batch.shape, batch.dtype);
      });
      const predicted = this.model.predict(xs);
      const list = Array.isArray(predicted) ? predicted : [predicted];
      list.forEach((tensor, i) => {
        outputs[this.model.outputNames[i]] = { shape: [...tensor.shape], values: Float32Array.from(tensor.dataSync()) };
      });
    });
    this.onBatch(size);
    return outputs;
  }
}
