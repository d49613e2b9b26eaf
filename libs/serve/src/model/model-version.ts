import * as tf from '@tensorflow/tfjs';
import { inputDtype, inputShape } from '@mimo/core';
import * as path from 'path';
import { BatchingOptions, BatchListener, DEFAULT_BATCHING, DynamicBatcher } from '../predict/dynamic-batcher';
import { answerFacts, HeadLabels, headLabels } from '../predict/label-outputs';
import { ServedModel } from './served-model';

/** `GET /v1/models/{name}/metadata`: what a client needs to build a request. */
export interface ModelMetadata {
  name: string;
  version: string;
  inputs: Record<string, { kind: string; shape: (number | null)[]; dtype: 'int32' | 'float32' }>;
  /** Each head's type and output shape; classification heads their class names, binary heads their threshold. */
  heads: Record<string, { type: string; shape: (number | null)[]; classes?: string[]; threshold?: number }>;
  /** Whether `records` (raw JSON records) are accepted. */
  records: boolean;
  /** Whether its app's record decoder can run in a browser (`GET /v1/models/{name}/decoder.js`). */
  browserDecoder: boolean;
  card: Record<string, unknown>;
}

/** A card as clients see it: absolute file paths (where the training data lay) shortened to their file names. */
export function withoutLocalPaths(value: unknown): unknown {
  if (typeof value === 'string') return path.isAbsolute(value) ? path.basename(value) : value;
  if (Array.isArray(value)) return value.map(withoutLocalPaths);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, withoutLocalPaths(v)]));
  return value;
}

function headShape(shape: tf.Shape | tf.Shape[]): (number | null)[] {
  const one = Array.isArray(shape[0]) ? (shape as tf.Shape[])[0] : (shape as tf.Shape);
  return one.slice(1);
}

/**
 * A loaded model version with its batcher. Requests `acquire` it for their whole life; a version replaced by a
 * newer one (`retire`) frees its weights only when its last request has `release`d it, so a hot reload never fails
 * a request in flight.
 */
export class ModelVersion {
  readonly batcher: DynamicBatcher;
  readonly metadata: ModelMetadata;
  /** How each head's numbers become an answer to raw records (class names, threshold). */
  readonly labels: Record<string, HeadLabels>;
  private inflight = 0;
  private retired = false;
  private disposed = false;

  constructor(
    readonly served: ServedModel,
    batching: BatchingOptions = DEFAULT_BATCHING,
    onBatch?: BatchListener,
  ) {
    const { model, spec, card } = served.bundle;
    this.batcher = new DynamicBatcher(model, batching, onBatch);
    this.labels = headLabels(spec.heads, card);
    this.metadata = {
      name: served.name,
      version: served.version,
      inputs: Object.fromEntries(Object.entries(spec.inputs).map(([name, input]) => [name, { kind: input.kind, shape: inputShape(input), dtype: inputDtype(input) }])),
      heads: Object.fromEntries(model.outputNames.map((name, i) => [name, { type: spec.heads[name]?.type ?? 'unknown', shape: headShape(model.outputs[i].shape), ...(this.labels[name] ? answerFacts(this.labels[name]) : {}) }])),
      records: served.decodeRecords !== undefined,
      browserDecoder: served.browserDecoder !== undefined,
      card: withoutLocalPaths(card) as Record<string, unknown>,
    };
  }

  get name(): string {
    return this.served.name;
  }

  get version(): string {
    return this.served.version;
  }

  acquire(): this {
    this.inflight++;
    return this;
  }

  release(): void {
    this.inflight--;
    if (this.retired && this.inflight === 0) this.dispose();
  }

  /** No new requests will come: free the model once the last one in flight finishes. */
  retire(): void {
    this.retired = true;
    if (this.inflight === 0) {
      this.batcher.flush();
      this.dispose();
    }
  }

  private dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.served.bundle.model.dispose();
  }
}
