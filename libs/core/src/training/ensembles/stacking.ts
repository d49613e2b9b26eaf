import * as tf from '@tensorflow/tfjs';
import { headFor, buildModel } from '../../model/build-model';
import { ModelSpec, ModelSpecInput, parseModelSpec } from '../../spec/model-spec';
import { TensorMap } from '../../synthetic/random-examples';
import { TrainingHistory } from '../callbacks/trainer-callback';
import { subsetData } from '../data/subset-data';
import { dataTensors, TrainingData } from '../data/training-data';
import { deriveSeed, permutation, randomFor } from '../random/derive-seed';
import { Trainer } from '../trainer/trainer';
import { parseTrainerConfig, TrainerConfigInput } from '../trainer/trainer-config';
import { Ensemble, memberPredictions, TrainedEnsemble } from './ensemble';

export interface StackingOptions {
  /** Base models: a number of copies of the spec (each with its own seed), or specs with the spec's inputs and heads. */
  members: number | (ModelSpec | ModelSpecInput)[];
  /** Folds for the out-of-fold predictions. Defaults to 5. */
  folds?: number;
  /** How each base model trains. */
  trainer?: TrainerConfigInput;
  /** How the meta-model trains. Defaults to `trainer`. */
  metaTrainer?: TrainerConfigInput;
  /** Seed of the folds and member seeds. Defaults to the trainer config's seed, else the spec's, else 0. */
  seed?: number;
  /** Data to report every member and the ensemble on. */
  evaluationData?: TrainingData;
}

/** Name of the meta-model's one input: every base model's outputs side by side. */
export const STACKED_INPUT = 'base_predictions';

/**
 * The meta-model's spec: one numeric input of every base output (member-major, then head, then unit), read as
 * is (no hidden layers), and the spec's heads without their hidden layers: a linear / logistic / softmax model
 * per head over all base predictions.
 */
export function metaSpec(spec: ModelSpec, members: number, seed: number): ModelSpec {
  const units = Object.values(spec.heads).reduce((sum, head) => sum + headFor(head).outputUnits(head), 0);
  if (STACKED_INPUT in spec.heads) throw new Error(`stacking: a head may not be named '${STACKED_INPUT}' (the meta-model's input)`);
  return parseModelSpec({
    name: `${spec.name}_meta`,
    inputs: { [STACKED_INPUT]: { kind: 'numeric', size: units * members, encoder: { type: 'dense', units: [] } } },
    heads: Object.fromEntries(Object.entries(spec.heads).map(([name, head]) => [name, { ...head, units: [], dropout: 0, batchNorm: false }])),
    seed,
  });
}

/** The meta-model's input for `xs`: every member's outputs side by side, `[n, members · Σ head units]`. */
export function stackedFeatures(spec: ModelSpec, members: tf.LayersModel[], xs: TensorMap): tf.Tensor2D {
  return tf.tidy(() => tf.concat(memberPredictions(members, xs).flatMap((p) => Object.keys(spec.heads).map((h) => p[h])), 1) as tf.Tensor2D);
}

/** Stacking: base models' predictions, side by side, go through a meta-model trained on out-of-fold predictions. */
export class StackingEnsemble extends Ensemble {
  constructor(
    spec: ModelSpec,
    members: tf.LayersModel[],
    readonly meta: tf.LayersModel,
    metrics = {},
  ) {
    super(spec, members, metrics);
  }

  predict(xs: TensorMap): TensorMap {
    return tf.tidy(() => {
      const output = this.meta.predict(stackedFeatures(this.spec, this.members, xs)) as tf.Tensor | tf.Tensor[];
      const outputs = Array.isArray(output) ? output : [output];
      return Object.fromEntries(this.meta.outputNames.map((name, i) => [name, outputs[i]]));
    });
  }

  override dispose(): void {
    super.dispose();
    this.meta.dispose();
  }
}

/** Contiguous folds of a seeded permutation of 0 … n−1. */
export function foldIndices(n: number, folds: number, seed: number): number[][] {
  if (!Number.isInteger(folds) || folds < 2 || folds > n) throw new Error(`stacking: folds must be an integer in [2, ${n}]. Received: ${folds}`);
  const order = permutation(n, randomFor(seed));
  return Array.from({ length: folds }, (_, f) => order.slice(Math.floor((f * n) / folds), Math.floor(((f + 1) * n) / folds)));
}

async function trainMember(spec: ModelSpec, data: TrainingData, config: TrainerConfigInput, seed: number): Promise<{ model: tf.LayersModel; history: TrainingHistory }> {
  const model = buildModel(spec);
  const trainer = new Trainer(model, spec, { ...config, seed });
  try {
    return { model, history: await trainer.fit(data) };
  } finally {
    trainer.dispose();
  }
}

function memberSpecs(spec: ModelSpec, members: StackingOptions['members'], seed: number): ModelSpec[] {
  if (typeof members === 'number') {
    if (!Number.isInteger(members) || members < 1) throw new Error(`stacking: members must be a positive integer. Received: ${members}`);
    return Array.from({ length: members }, (_, i) => parseModelSpec({ ...spec, seed: deriveSeed(seed, 'member', i) }));
  }
  return members.map((raw, i) => {
    const member = parseModelSpec(raw);
    const same = (a: object, b: object) => Object.keys(a).join() === Object.keys(b).join();
    if (!same(member.inputs, spec.inputs) || !same(member.heads, spec.heads)) {
      throw new Error(`stacking: member ${i} ('${member.name}') must have the inputs (${Object.keys(spec.inputs)}) and heads (${Object.keys(spec.heads)}) of '${spec.name}'`);
    }
    return member;
  });
}

/**
 * Stacking (Wolpert): for each of `folds` folds, every base model trains on the other folds and predicts the
 * held-out one; the meta-model learns from these out-of-fold predictions (never from predictions on data a base
 * model saw); then every base model trains once more on all the data.
 */
export async function trainStacking(raw: ModelSpec | ModelSpecInput, data: TrainingData, options: StackingOptions): Promise<TrainedEnsemble<StackingEnsemble>> {
  const spec = parseModelSpec(raw);
  const config = parseTrainerConfig(options.trainer ?? {});
  const seed = options.seed ?? config.seed ?? spec.seed ?? 0;
  const specs = memberSpecs(spec, options.members, seed);
  const examples = Object.values(data.xs)[0].shape[0];
  const folds = foldIndices(examples, options.folds ?? 5, deriveSeed(seed, 'folds'));
  const trainerConfig = options.trainer ?? {};

  // Out-of-fold predictions, assembled row by row in the original example order.
  const rows: tf.Tensor2D[] = new Array(folds.length);
  for (const [f, held] of folds.entries()) {
    const rest = folds.filter((_, g) => g !== f).flat();
    const train = subsetData(data, rest);
    const heldOut = subsetData(data, held);
    const fitted: tf.LayersModel[] = [];
    try {
      for (const [i, memberSpec] of specs.entries()) fitted.push((await trainMember(memberSpec, train, trainerConfig, deriveSeed(seed, 'fold', f, i))).model);
      rows[f] = stackedFeatures(spec, fitted, heldOut.xs);
    } finally {
      fitted.forEach((m) => m.dispose());
      tf.dispose([...dataTensors(train), ...dataTensors(heldOut)]);
    }
  }
  const rowOf = new Array<number>(examples);
  folds.flat().forEach((example, row) => (rowOf[example] = row));
  const stacked = tf.tidy(() => tf.gather(tf.concat(rows), rowOf));
  tf.dispose(rows);

  const meta = metaSpec(spec, specs.length, deriveSeed(seed, 'meta'));
  const metaModel = buildModel(meta);
  const metaTrainer = new Trainer(metaModel, meta, { ...(options.metaTrainer ?? trainerConfig), metrics: config.metrics, seed: deriveSeed(seed, 'meta-trainer') });
  let metaHistory: TrainingHistory;
  try {
    metaHistory = await metaTrainer.fit({ xs: { [STACKED_INPUT]: stacked }, ys: data.ys, sampleWeights: data.sampleWeights });
  } finally {
    metaTrainer.dispose();
    stacked.dispose();
  }

  const members: tf.LayersModel[] = [];
  const histories: TrainingHistory[] = [];
  for (const [i, memberSpec] of specs.entries()) {
    const { model, history } = await trainMember(memberSpec, data, trainerConfig, deriveSeed(seed, 'final', i));
    members.push(model);
    histories.push(history);
  }
  histories.push(metaHistory);
  const ensemble = new StackingEnsemble(spec, members, metaModel, config.metrics);
  const report = options.evaluationData ? await ensemble.evaluate(options.evaluationData, config.batchSize) : undefined;
  return { ensemble, histories, report };
}
