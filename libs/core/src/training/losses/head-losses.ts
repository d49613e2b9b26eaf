import * as tf from '@tensorflow/tfjs';
import { headFor } from '../../model/build-model';
import { ModelSpec } from '../../spec/model-spec';
import { TensorMap } from '../../synthetic/random-examples';
import { headSampleWeights, SampleWeights } from '../data/training-data';
import { classWeightPerExample } from './class-weights';
import { hasHeadLossKernels, runHeadLoss } from './fused-head-loss';

export interface HeadLosses {
  /** `Σ lossWeight · head loss`: what the optimizer minimises. */
  total: tf.Scalar;
  /** Each head's loss before its `lossWeight` (what Keras logs as `<head>_loss`). */
  perHead: Record<string, tf.Scalar>;
}

/**
 * The loss of a batch, Keras style: each head's per-example loss times its sample weight and class weight,
 * averaged over the batch (`sum_over_batch_size`), then summed over heads with each head's `lossWeight`.
 */
export function headLosses(
  spec: ModelSpec,
  yTrue: TensorMap,
  yPred: TensorMap,
  sampleWeights?: SampleWeights,
  classWeights: Record<string, number[]> = {},
): HeadLosses {
  const perHead: Record<string, tf.Scalar> = {};
  const weighted: tf.Scalar[] = [];
  const fused = hasHeadLossKernels();
  for (const [name, head] of Object.entries(spec.heads)) {
    const definition = headFor(head);
    const [truth, prediction] = [yTrue[name], yPred[name]];
    const sampleWeight = headSampleWeights(sampleWeights, name);
    let weights = sampleWeight === undefined ? undefined : tf.cast(sampleWeight, 'float32');
    if (classWeights[name]) {
      const perClass = classWeightPerExample(truth, classWeights[name]);
      weights = weights === undefined ? perClass : tf.mul(weights, perClass);
    }
    // A backend's head loss kernels: one kernel each way instead of 10–30 (the same loss, weights and mean).
    if (fused && tf.util.arraysEqual(truth.shape, prediction.shape)) perHead[name] = runHeadLoss(definition.lossKernel, truth, prediction, weights);
    else {
      const perExample = definition.loss(truth, prediction);
      perHead[name] = tf.mean(weights === undefined ? perExample : tf.mul(perExample, weights));
    }
    weighted.push(tf.mul(perHead[name], head.lossWeight));
  }
  return { total: tf.addN(weighted), perHead };
}
