import * as tf from '@tensorflow/tfjs';
import { headFor } from '../../model/build-model';
import { ModelSpec } from '../../spec/model-spec';
import { TensorMap } from '../../synthetic/random-examples';
import { headSampleWeights, SampleWeights } from '../data/training-data';
import { classWeightPerExample } from './class-weights';

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
  for (const [name, head] of Object.entries(spec.heads)) {
    let perExample = headFor(head).loss(yTrue[name], yPred[name]);
    const weights = headSampleWeights(sampleWeights, name);
    if (weights) perExample = tf.mul(perExample, tf.cast(weights, 'float32'));
    if (classWeights[name]) perExample = tf.mul(perExample, classWeightPerExample(yTrue[name], classWeights[name]));
    perHead[name] = tf.mean(perExample);
    weighted.push(tf.mul(perHead[name], head.lossWeight));
  }
  return { total: tf.addN(weighted), perHead };
}
