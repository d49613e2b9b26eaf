import * as tf from '@tensorflow/tfjs';
import { AppPlugin, disposeData, prepareRun } from '@mimo/app-kit';
import { autonomousPlugin } from '@mimo/autonomous';
import { buildModel, createTrainingOptimizer, ModelSpec, TrainingData } from '@mimo/core';
import { EncoderConfig, isStreaming, RecurrentCellSchema, RecurrentGatesSchema, ReplayedTrainingStep, subsetData } from '@mimo/core/internal';
import { financePlugin } from '@mimo/finance';
import { healthcarePlugin } from '@mimo/healthcare';
import { nlpPlugin } from '@mimo/nlp';
import { TimedTraining } from './measure';
import { TwinJob } from './pytorch-reference';

/** The four apps whose default models the bench trains, by name. */
export const BENCH_APPS: Record<string, AppPlugin> = { healthcare: healthcarePlugin, nlp: nlpPlugin, finance: financePlugin, autonomous: autonomousPlugin };

/** One app's default model spec and a batch of its real training examples. */
export interface AppBatch {
  spec: ModelSpec;
  batch: TrainingData;
  /** Examples in `batch` (fewer than asked when the training split is smaller). */
  examples: number;
  /** One line: the app, its data and the spec's inputs → heads. */
  description: string;
  dispose(): void;
}

/** Gate activations an app's LSTM / GRU encoders take (the `gates` field of text and time-series encoders). */
export type RecurrentGates = (typeof RecurrentGatesSchema.options)[number];

/** Whether `encoder` runs an LSTM or GRU, whose gates its `gates` field sets (a transformer or Conv1D has none). */
function runsRecurrentGates(encoder: EncoderConfig): boolean {
  const cell = encoder.type === 'text' ? encoder.rnn : encoder.type === 'time-series' ? encoder.layer : undefined;
  return (RecurrentCellSchema.options as readonly unknown[]).includes(cell);
}

/** `spec` with `gates` for every encoder that runs an LSTM or GRU; the encoders named. */
export function withRecurrentGates(spec: ModelSpec, gates: RecurrentGates): { spec: ModelSpec; changed: string[] } {
  const changed: string[] = [];
  const inputs = Object.fromEntries(
    Object.entries(spec.inputs).map(([name, input]) => {
      if (!runsRecurrentGates(input.encoder)) return [name, input];
      changed.push(name);
      return [name, { ...input, encoder: { ...input.encoder, gates } }];
    }),
  );
  return { spec: { ...spec, inputs } as ModelSpec, changed };
}

/**
 * Loads the app's default data (as `mimo <app> train` does) and keeps its first `batchSize` training examples;
 * `gates`: its recurrent encoders' gates instead of the app's own (`--gates`).
 */
export async function loadAppBatch(app: string, batchSize: number, gates?: RecurrentGates): Promise<AppBatch> {
  const plugin = BENCH_APPS[app];
  if (plugin === undefined) throw new Error(`unknown app '${app}'; the bench knows ${Object.keys(BENCH_APPS).join(', ')}`);
  const run = await prepareRun(plugin, { epochs: 1, batchSize, seed: 42, patience: 1, tiny: false }, () => undefined);
  let batch: TrainingData;
  if (isStreaming(run.train)) {
    const first = await run.train.batches(0)[Symbol.asyncIterator]().next();
    if (first.done) throw new Error(`${app}: its training data yielded no batch`);
    batch = first.value;
  } else {
    const count = Object.values(run.train.xs)[0].shape[0];
    batch = subsetData(run.train, Array.from({ length: Math.min(batchSize, count) }, (_, i) => i));
  }
  disposeData(run.train, run.val, run.test);
  const { spec, changed } = gates === undefined ? { spec: run.spec, changed: [] } : withRecurrentGates(run.spec, gates);
  return {
    spec,
    batch,
    examples: Object.values(batch.xs)[0].shape[0],
    description: `${app} (${run.data.card.name}): ${Object.keys(spec.inputs).join(' + ')} → ${Object.keys(spec.heads).join(', ')}${changed.length > 0 ? ` (${changed.join(', ')}: ${gates} gates)` : ''}`,
    dispose: () => tf.dispose([...Object.values(batch.xs), ...Object.values(batch.ys), ...Object.values(batch.sampleWeights ?? {})]),
  };
}

/** The Trainer's step (without metrics) on one batch of an app's model, built afresh on the active backend. */
export function appTraining(app: AppBatch): TimedTraining {
  const model = buildModel(app.spec);
  const optimizer = createTrainingOptimizer({ type: 'adam', learningRate: 1e-3 });
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const steps = new ReplayedTrainingStep(model, app.spec, variables, {}, optimizer, {});
  return {
    step: async () => {
      const computed = steps.compute(app.batch);
      steps.apply(computed.gradients);
      tf.dispose([...Object.values(computed.predictions), ...computed.gradients.filter((g): g is tf.Tensor => g !== null)]);
    },
    dispose: () => {
      steps.dispose();
      model.dispose();
      optimizer.dispose();
    },
  };
}

/**
 * Each row's tokens before its padding, when every row of `ids` [batch, steps] is padded with 0 at its end only
 * (the mask an Embedding's maskZero makes then is end padding); else undefined.
 */
export function endPaddedLengths(ids: tf.Tensor): number[] | undefined {
  if (ids.dtype !== 'int32' || ids.rank !== 2) return undefined;
  const rows = ids.arraySync() as number[][];
  const lengths = rows.map((row) => {
    const length = row.indexOf(0);
    return length === -1 ? row.length : length;
  });
  return rows.every((row, i) => row.slice(lengths[i]).every((id) => id === 0)) ? lengths : undefined;
}

/** The job for the app model's PyTorch twin: its tfjs-layers topology, input shapes (token ranges and padding), head losses. */
export function appTwinJob(app: AppBatch): TwinJob & { tfjsParams: number } {
  const model = buildModel(app.spec);
  try {
    const inputs = Object.fromEntries(
      Object.entries(app.batch.xs).map(([name, x]) => {
        const lengths = endPaddedLengths(x);
        return [name, { shape: x.shape.slice(1), dtype: x.dtype, high: x.dtype === 'int32' ? tf.tidy(() => tf.max(x).dataSync()[0]) + 1 : 0, ...(lengths ? { lengths } : {}) }];
      }),
    );
    const losses = Object.fromEntries(Object.entries(app.spec.heads).map(([name, head]) => [name, head.type]));
    return { model: model.toJSON(null, false), inputs, losses, batch: app.examples, tfjsParams: model.countParams() };
  } finally {
    model.dispose();
  }
}
