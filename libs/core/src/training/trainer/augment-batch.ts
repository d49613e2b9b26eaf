import * as tf from '@tensorflow/tfjs';
import { createImageAugmenter, ImageAugmentationConfig } from '../../augmentation';
import { ModelSpec } from '../../spec/model-spec';
import { TrainingData } from '../data/training-data';
import { deriveSeed } from '../random/derive-seed';

/**
 * A training batch whose image inputs went through the augmenter (other inputs, targets and weights are shared,
 * not copied). The augmenter of step `step` and input `name` is seeded with `deriveSeed(seed, 'augment', step,
 * name)`, so a resumed run augments exactly as an uninterrupted one. Returns the new tensors for disposal.
 */
export function augmentImageInputs(
  spec: ModelSpec,
  batch: TrainingData,
  config: ImageAugmentationConfig,
  seed: number,
  step: number,
): { batch: TrainingData; created: tf.Tensor[] } {
  const xs = { ...batch.xs };
  const created: tf.Tensor[] = [];
  for (const [name, input] of Object.entries(spec.inputs)) {
    if (input.kind !== 'image') continue;
    xs[name] = createImageAugmenter(config, deriveSeed(seed, 'augment', step, name)).augment(batch.xs[name] as tf.Tensor4D);
    created.push(xs[name]);
  }
  return { batch: { ...batch, xs }, created };
}
