import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../model/build-model';
import { ModelSpec, ModelSpecInput, parseModelSpec } from '../../spec/model-spec';
import { TensorMap } from '../../synthetic/random-examples';
import { subsetData } from '../data/subset-data';
import { dataTensors, TrainingData } from '../data/training-data';
import { deriveSeed, randomFor } from '../random/derive-seed';
import { Trainer } from '../trainer/trainer';
import { parseTrainerConfig, TrainerConfigInput } from '../trainer/trainer-config';
import { Ensemble, memberPredictions, TrainedEnsemble } from './ensemble';

export interface BaggingOptions {
  /** Number of members. */
  members: number;
  /** How each member trains (its seed is derived per member). */
  trainer?: TrainerConfigInput;
  /** Seed of the bootstrap samples and member seeds. Defaults to the trainer config's seed, else the spec's, else 0. */
  seed?: number;
  /** Data to report every member and the ensemble on. */
  evaluationData?: TrainingData;
}

/** Bagging: members trained on bootstrap samples; the ensemble averages their outputs (probabilities or values). */
export class BaggingEnsemble extends Ensemble {
  predict(xs: TensorMap): TensorMap {
    return tf.tidy(() => {
      const all = memberPredictions(this.members, xs);
      return Object.fromEntries(Object.keys(this.spec.heads).map((head) => [head, tf.div(tf.addN(all.map((p) => p[head])), all.length)]));
    });
  }
}

/** `n` draws with replacement from 0 … n−1. */
export function bootstrapIndices(n: number, seed: number): number[] {
  const rng = randomFor(seed);
  return Array.from({ length: n }, () => rng.int(0, n));
}

/**
 * Trains `members` models of `spec`, member i on a bootstrap sample of `data` (seed `deriveSeed(seed,
 * 'bootstrap', i)`) from its own initial weights (spec seed derived per member), and averages them.
 */
export async function trainBagging(raw: ModelSpec | ModelSpecInput, data: TrainingData, options: BaggingOptions): Promise<TrainedEnsemble<BaggingEnsemble>> {
  const spec = parseModelSpec(raw);
  if (!Number.isInteger(options.members) || options.members < 1) throw new Error(`bagging: members must be a positive integer. Received: ${options.members}`);
  const config = parseTrainerConfig(options.trainer ?? {});
  const seed = options.seed ?? config.seed ?? spec.seed ?? 0;
  const examples = Object.values(data.xs)[0].shape[0];
  const members: tf.LayersModel[] = [];
  const histories = [];
  for (let i = 0; i < options.members; i++) {
    const memberSpec = parseModelSpec({ ...spec, seed: deriveSeed(seed, 'member', i) });
    const model = buildModel(memberSpec);
    members.push(model);
    const sample = subsetData(data, bootstrapIndices(examples, deriveSeed(seed, 'bootstrap', i)));
    const trainer = new Trainer(model, memberSpec, { ...options.trainer, seed: deriveSeed(seed, 'trainer', i) });
    try {
      histories.push(await trainer.fit(sample));
    } finally {
      trainer.dispose();
      tf.dispose(dataTensors(sample));
    }
  }
  const ensemble = new BaggingEnsemble(spec, members, config.metrics);
  const report = options.evaluationData ? await ensemble.evaluate(options.evaluationData, config.batchSize) : undefined;
  return { ensemble, histories, report };
}
