import * as tf from '@tensorflow/tfjs';
import { buildModel, parseModelSpec, ModelSpecInput, StreamingData, Trainer, TrainingData } from '@mimo/core';
import { accuracyOf, argmaxRows, Confusion, namedConfusion } from './confusion';

export interface VariantRun {
  name: string;
  /** Per-epoch logs (loss, val_loss, manoeuvre_accuracy, val_manoeuvre_accuracy, …). */
  history: Record<string, number[]>;
  /** Test accuracy and confusion matrix per test condition (e.g. full, no_camera, no_lidar). */
  tests: Record<string, { accuracy: number; confusion: Confusion }>;
  parameters: number;
  seconds: number;
}

export interface TrainVariantOptions {
  name: string;
  spec: ModelSpecInput;
  train: TrainingData | StreamingData;
  val: TrainingData;
  /** Test conditions: inputs (all inputs of every variant; those the spec lacks are left out) and one-hot labels. */
  tests: Record<string, TrainingData>;
  classes: readonly string[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Early-stopping patience on val_loss, restoring the best weights. */
  patience: number;
  seed: number;
}

function pick(xs: Record<string, tf.Tensor>, names: readonly string[]): Record<string, tf.Tensor> {
  return Object.fromEntries(names.map((name) => [name, xs[name]]));
}

/** Builds one spec, trains it (Adam, early stopping on val_loss), and tests it under every condition. */
export async function trainVariant(options: TrainVariantOptions): Promise<VariantRun> {
  const spec = parseModelSpec({ ...options.spec, seed: options.seed });
  const names = Object.keys(spec.inputs);
  const model = buildModel(spec);
  const trainer = new Trainer(model, spec, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    seed: options.seed,
    optimizer: { type: 'adam', learningRate: options.learningRate },
    callbacks: [{ type: 'early-stopping', monitor: 'val_loss', patience: options.patience, restoreBestWeights: true }],
  });
  const subset = (data: TrainingData): TrainingData => ({ xs: pick(data.xs, names), ys: data.ys });
  const train = 'batches' in options.train ? options.train : subset(options.train);
  const started = Date.now();
  const { history } = await trainer.fit(train, { validationData: subset(options.val) });
  const seconds = (Date.now() - started) / 1000;
  const tests: VariantRun['tests'] = {};
  for (const [condition, data] of Object.entries(options.tests)) {
    const predicted = trainer.predict(pick(data.xs, names));
    const confusion = namedConfusion(argmaxRows(data.ys.manoeuvre), argmaxRows(predicted.manoeuvre), options.classes);
    tf.dispose(Object.values(predicted));
    tests[condition] = { accuracy: accuracyOf(confusion), confusion };
  }
  const parameters = model.countParams();
  trainer.dispose();
  model.dispose();
  return { name: options.name, history, tests, parameters, seconds };
}
