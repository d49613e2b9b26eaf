import * as tf from '@tensorflow/tfjs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The server's Prometheus metrics, in a registry of their own (several servers may share a process). */
export interface ServeMetrics {
  registry: Registry;
  requests: Counter<'route' | 'model' | 'status'>;
  latency: Histogram<'route' | 'model'>;
  batchSize: Histogram<'model'>;
  errors: Counter<'code'>;
  tensors: Gauge;
}

export function createServeMetrics(): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mimo_' });
  return {
    registry,
    requests: new Counter({ name: 'mimo_requests_total', help: 'HTTP requests by route, model and status code.', labelNames: ['route', 'model', 'status'], registers: [registry] }),
    latency: new Histogram({
      name: 'mimo_request_duration_seconds',
      help: 'Request latency in seconds, by route and model.',
      labelNames: ['route', 'model'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    batchSize: new Histogram({ name: 'mimo_batch_size', help: 'Examples per forward pass (dynamic batching).', labelNames: ['model'], buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256], registers: [registry] }),
    errors: new Counter({ name: 'mimo_errors_total', help: 'Error answers by kind (code).', labelNames: ['code'], registers: [registry] }),
    tensors: new Gauge({
      name: 'mimo_tf_tensors',
      help: 'Tensors alive in the TensorFlow.js engine (flat under load: no leak).',
      registers: [registry],
      collect() {
        this.set(tf.memory().numTensors);
      },
    }),
  };
}
