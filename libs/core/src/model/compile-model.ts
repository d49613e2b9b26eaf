import * as tf from '@tensorflow/tfjs';
import { ModelSpec, OptimizerConfig } from '../spec/model-spec';
import { headFor } from './build-model';

export function createOptimizer(config: OptimizerConfig): tf.Optimizer {
  switch (config.type) {
    case 'adam':
      return tf.train.adam(config.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(config.learningRate);
    case 'sgd':
      return tf.train.sgd(config.learningRate);
  }
}

/**
 * Each head's loss, already multiplied by its `lossWeight`. tfjs-layers' `compile` ignores loss weights
 * (a TODO in its training.ts), but it sums the per-output losses, so weighting each one gives Keras's
 * `loss_weights` total.
 */
export function weightedHeadLosses(spec: ModelSpec): Record<string, (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor> {
  const losses: Record<string, (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor> = {};
  for (const [name, head] of Object.entries(spec.heads)) {
    const loss = headFor(head).loss;
    losses[name] = head.lossWeight === 1 ? loss : (yTrue, yPred) => tf.mul(loss(yTrue, yPred), head.lossWeight);
  }
  return losses;
}

/** Compiles with the spec's optimizer, weighted per-head losses and each head's metric. */
export function compileModel(model: tf.LayersModel, spec: ModelSpec): void {
  const metrics: Record<string, string> = {};
  for (const [name, head] of Object.entries(spec.heads)) metrics[name] = headFor(head).metric;
  model.compile({ optimizer: createOptimizer(spec.optimizer), loss: weightedHeadLosses(spec), metrics });
}
