import * as tf from '@tensorflow/tfjs';
import { TrainingContext } from '../callbacks/trainer-callback';
import { tinySpec } from './training-fixtures';

/** A TrainingContext without a trainer, for driving one callback with scripted logs. */
export function fakeContext(overrides: Partial<TrainingContext> = {}): TrainingContext {
  return {
    model: tf.sequential(),
    spec: tinySpec,
    epochs: 10,
    initialEpoch: 0,
    batchesPerEpoch: 4,
    initialLearningRate: 0.1,
    learningRate: 0.1,
    stopTraining: false,
    history: { epoch: [], history: {} },
    saveCheckpoint: async () => undefined,
    ...overrides,
  };
}
