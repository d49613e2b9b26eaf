import * as tf from '@tensorflow/tfjs';
import { ModelSpec } from '../../spec/model-spec';
import { TensorMap } from '../../synthetic/random-examples';
import { checkTrainingData } from '../data/check-data';
import { epochBatches } from '../data/epoch-batches';
import { dataTensors, isStreaming, TrainingInput } from '../data/training-data';
import { headLosses } from '../losses/head-losses';
import { HeadMetrics, Logs } from '../metrics/head-metrics';
import { MetricConfig } from '../metrics/registry';
import { RunningLosses } from './running-losses';
import { applyModel } from './train-step';

/** Anything that maps inputs to predictions by head name: a model, an ensemble. Runs inside `tf.tidy`. */
export type Predictor = (xs: TensorMap) => TensorMap;

export interface EvaluateOptions {
  batchSize?: number;
  metrics?: Record<string, MetricConfig[]>;
}

/**
 * Losses and metrics of a model on data, in inference mode (dropout off, batch-norm moving statistics):
 * `loss`, `<head>_loss`, `<head>_<metric>`. Sample weights, when the data has them, weight the losses.
 */
export function evaluateModel(model: tf.LayersModel, spec: ModelSpec, data: TrainingInput, options: EvaluateOptions = {}): Promise<Logs> {
  return evaluatePredictor((xs) => applyModel(model, xs, false), spec, data, options);
}

/** `evaluateModel` for any predictor (ensembles report through it). */
export async function evaluatePredictor(predict: Predictor, spec: ModelSpec, data: TrainingInput, options: EvaluateOptions = {}): Promise<Logs> {
  if (!isStreaming(data)) checkTrainingData(spec, data);
  const losses = new RunningLosses();
  const metrics = new HeadMetrics(spec, options.metrics);
  for await (const batch of epochBatches(spec, data, 0, { batchSize: options.batchSize ?? 32, shuffle: false, seed: 0 })) {
    try {
      const predictions = tf.tidy(() => predict(batch.xs));
      const values = tf.tidy(() => {
        const result = headLosses(spec, batch.ys, predictions, batch.sampleWeights);
        return { loss: result.total.dataSync()[0], perHead: Object.fromEntries(Object.entries(result.perHead).map(([h, t]) => [h, t.dataSync()[0]])) };
      });
      losses.add(Object.values(batch.xs)[0].shape[0], values.loss, values.perHead);
      await metrics.update(batch.ys, predictions);
      tf.dispose(Object.values(predictions));
    } finally {
      tf.dispose(dataTensors(batch));
    }
  }
  return { ...losses.results(), ...metrics.results() };
}
