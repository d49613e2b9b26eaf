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

/** A step's tensors: the total loss, each head's loss, the predictions by head and one gradient per variable. */
export interface StepTensors {
  total: tf.Scalar;
  perHead: Record<string, tf.Scalar>;
  predictions: TensorMap;
  gradients: (tf.Tensor | null)[];
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
  return readStep(stepTensors(model, spec, variables, batch, classWeights));
}

/** `computeStep`'s tensors, nothing read back. */
export function stepTensors(model: tf.LayersModel, spec: ModelSpec, variables: tf.Variable[], batch: TrainingData, classWeights: Record<string, number[]>): StepTensors {
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
  return { total: value, perHead, predictions, gradients: variables.map((v) => grads[v.name] ?? null) };
}

/** Reads a step's losses back (disposing their tensors); the predictions and gradients stay the caller's. */
export function readStep(step: StepTensors): ComputedStep {
  const heads = Object.keys(step.perHead);
  // One read for every loss: each read is a round trip to the backend.
  const values = tf.tidy(() => tf.stack([step.total, ...heads.map((name) => step.perHead[name])]).dataSync());
  tf.dispose([step.total, ...Object.values(step.perHead)]);
  return { loss: values[0], headLosses: Object.fromEntries(heads.map((name, i) => [name, values[i + 1]])), predictions: step.predictions, gradients: step.gradients };
}
