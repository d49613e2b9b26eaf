import * as tf from '@tensorflow/tfjs';
import { loadBundle, TensorMap, trainBagging, trainStacking } from '@mimo/core';
import { nestMetrics, HeadMetricValues } from '../metrics/nest-metrics';
import { disposeData } from '../flows/pick-inputs';
import { prepareRun, runTrain } from '../flows/train-flow';
import { AppPlugin, TrainOptions } from '../plugin';
import { BenchVariant } from './bench-variants';
import { folderBytes, predictLatencyMs } from './measure-model';

/** What one (app, variant, backend, seed) run measured. */
export interface RunMeasurement {
  /** Test-split metrics per head. */
  metrics: Record<string, HeadMetricValues>;
  /** Wall time of fitting (every member for ensembles). */
  trainSeconds: number;
  /** Training examples per second (examples × epochs / fit time); null for ensembles, whose fits see different subsets. */
  samplesPerSecond: number | null;
  /** Median milliseconds of one single-example prediction. */
  latencyMs: number;
  params: number;
  /** Size of the saved bundle; null for ensembles, which are not saved as one bundle. */
  bundleBytes: number | null;
  /** Epochs run (the first member's for ensembles). */
  epochs: number;
  /** Per-epoch logs (the first member's for ensembles), for learning curves. */
  history: Record<string, number[]>;
}

export interface VariantRunOptions {
  train: TrainOptions;
  members: number;
  folds: number;
  latencyRepeats: number;
  log(line: string): void;
}

async function runSingle(plugin: AppPlugin, options: VariantRunOptions): Promise<RunMeasurement> {
  const result = await runTrain(plugin, { ...options.train, checkpoints: false }, options.log);
  const bundle = await loadBundle(result.dir);
  try {
    const model = bundle.model;
    const latencyMs = await predictLatencyMs((xs) => model.predict(model.inputNames.map((name) => xs[name])), bundle.spec, options.latencyRepeats);
    const training = result.card.training as { seconds: number; examplesPerSecond: number };
    return {
      metrics: result.card.metrics.test,
      trainSeconds: training.seconds,
      samplesPerSecond: training.examplesPerSecond,
      latencyMs,
      params: model.countParams(),
      bundleBytes: await folderBytes(result.dir),
      epochs: result.card.epochs.completed,
      history: result.history.history,
    };
  } finally {
    bundle.model.dispose();
  }
}

async function runEnsemble(plugin: AppPlugin, kind: 'bagging' | 'stacking', options: VariantRunOptions): Promise<RunMeasurement> {
  const run = await prepareRun(plugin, options.train, options.log);
  try {
    // Members see no separate validation set: early stopping watches 10 % of each member's own training data.
    const trainer = { ...run.config, validationSplit: 0.1 };
    const started = performance.now();
    const trained =
      kind === 'bagging'
        ? await trainBagging(run.spec, run.train, { members: options.members, trainer, evaluationData: run.test })
        : await trainStacking(run.spec, run.train, { members: options.members, folds: options.folds, trainer, evaluationData: run.test });
    const trainSeconds = (performance.now() - started) / 1000;
    const { ensemble } = trained;
    try {
      const meta = 'meta' in ensemble ? [(ensemble as { meta: tf.LayersModel }).meta] : [];
      return {
        metrics: nestMetrics(trained.report?.ensemble ?? {}, run.spec),
        trainSeconds,
        samplesPerSecond: null,
        latencyMs: await predictLatencyMs((xs: TensorMap) => ensemble.predict(xs), run.spec, options.latencyRepeats),
        params: [...ensemble.members, ...meta].reduce((sum, m) => sum + m.countParams(), 0),
        bundleBytes: null,
        epochs: trained.histories[0]?.epoch.length ?? 0,
        history: trained.histories[0]?.history ?? {},
      };
    } finally {
      ensemble.dispose();
    }
  } finally {
    disposeData(run.data.train, run.data.val, run.data.test);
  }
}

/** Trains and measures one variant: one model through the kit's train flow, or an ensemble of the concat model. */
export function runVariant(plugin: AppPlugin, variant: BenchVariant, options: VariantRunOptions): Promise<RunMeasurement> {
  return variant.ensemble ? runEnsemble(plugin, variant.ensemble, options) : runSingle(plugin, options);
}
