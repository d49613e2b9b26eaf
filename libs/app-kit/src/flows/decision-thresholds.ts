import * as tf from '@tensorflow/tfjs';
import { ModelSpec, TrainingData } from '@mimo/core';
import { youdenThreshold } from '../metrics/binary-threshold';
import { headOutputs, headTargets } from './head-outputs';

/**
 * Each binary head's decision threshold, chosen on held-out data (the validation split) by Youden's J
 * (`youdenThreshold`: it does not move with the share of positives). A head whose held-out labels hold one class
 * only keeps 0.5.
 */
export function chooseThresholds(model: tf.LayersModel, spec: ModelSpec, heldOut: TrainingData): Record<string, number> {
  const binary = Object.entries(spec.heads).filter(([, head]) => head.type === 'binary').map(([name]) => name);
  if (binary.length === 0) return {};
  const [scores, labels] = [headOutputs(model, heldOut), headTargets(heldOut)];
  return Object.fromEntries(
    binary.map((head) => {
      const y = labels[head].map((row) => row[0]);
      if (!y.includes(0) || !y.includes(1)) return [head, 0.5];
      return [head, youdenThreshold(y, scores[head].map((row) => row[0])).threshold];
    }),
  );
}
