import * as tf from '@tensorflow/tfjs';
import { ModelSpec } from '../../spec/model-spec';
import { TensorMap } from '../../synthetic/random-examples';
import { TrainingData } from '../data/training-data';
import { headLosses } from '../losses/head-losses';

/** One forward and backward pass, not yet applied. The caller disposes `predictions` and `gradients`. */
export interface ComputedStep {
  /** The minimised total (weighted head losses plus regularisation). */
  loss: number;
  /** Each head's loss before its lossWeight. */
  headLosses: Record<string, number>;
  /** Outputs of the training-mode pass, by head name (for the epoch's metrics). */
  predictions: TensorMap;
  /** One gradient per variable, in order; null where a variable does not reach the loss. */
  gradients: (tf.Tensor | null)[];
}

/** The model's outputs by head name; `training` switches dropout and batch-norm behaviour. */
export function applyModel(model: tf.LayersModel, xs: TensorMap, training: boolean): TensorMap {
  const output = model.apply(
    model.inputNames.map((name) => xs[name]),
    { training },
  ) as tf.Tensor | tf.Tensor[];
  const outputs = Array.isArray(output) ? output : [output];
  return Object.fromEntries(model.outputNames.map((name, i) => [name, outputs[i]]));
}

/**
 * Runs the model in training mode on a batch and differentiates the weighted total loss with respect to
 * `variables` (the model's trainable weights). Nothing is applied yet, so a non-finite loss can stop training
 * with the weights of the previous step.
 */
export function computeStep(
  model: tf.LayersModel,
  spec: ModelSpec,
  variables: tf.Variable[],
  batch: TrainingData,
  classWeights: Record<string, number[]>,
): ComputedStep {
  let predictions: TensorMap = {};
  let perHead: Record<string, tf.Scalar> = {};
  const { value, grads } = tf.variableGrads(() => {
    predictions = applyModel(model, batch.xs, true);
    Object.values(predictions).forEach((t) => tf.keep(t));
    const losses = headLosses(spec, batch.ys, predictions, batch.sampleWeights, classWeights);
    perHead = losses.perHead;
    Object.values(perHead).forEach((t) => tf.keep(t));
    const regularization = model.calculateLosses();
    return regularization.length ? (tf.addN([losses.total, ...regularization]) as tf.Scalar) : losses.total;
  }, variables);
  const loss = value.dataSync()[0];
  const headValues = Object.fromEntries(Object.entries(perHead).map(([name, t]) => [name, t.dataSync()[0]]));
  tf.dispose([value, ...Object.values(perHead)]);
  return { loss, headLosses: headValues, predictions, gradients: variables.map((v) => grads[v.name] ?? null) };
}
