import * as tf from '@tensorflow/tfjs';
import { buildModel, checkBundleTarget, Logs, ModelSpec, parseModelSpec, ProgressDisplay, ProgressStream, saveBundle, Trainer, TrainerConfigInput, TrainingData, TrainingHistory } from '@mimo/core';
import { subsetData } from '@mimo/core/internal';
import * as path from 'path';
import { headMetricConfigs } from '../metrics/head-metric-configs';
import { nestMetrics } from '../metrics/nest-metrics';
import { AppPlugin, PreparedData, TrainOptions } from '../plugin';
import { AppModelCard, headTypes } from './model-card';
import { disposeData, exampleCount, pickData } from './pick-inputs';
import { subsetSpec } from './subset-spec';
import { chooseThresholds } from './decision-thresholds';
import { testCharts } from './test-charts';
import { recordFieldsOf } from './record-fields';
import { checkpointCallback, checkpointDirFor, removeCheckpoints, restoreBestCheckpoint, resumePoint } from './train-checkpoints';

export interface TrainResult {
  /** The bundle folder written (by rank 0 of a data-parallel run; see `saved`). */
  dir: string;
  /** False on the ranks of a data-parallel run that leave writing to rank 0. */
  saved: boolean;
  card: AppModelCard;
  testLogs: Logs;
  history: TrainingHistory;
}

/**
 * Where `mimo <app> report` writes by default: under `out/`, never over the shipped `docs/` pages (`--out docs`
 * regenerates those, on request).
 */
export function defaultReportDir(app: string): string {
  return path.join('out', app, 'report');
}

/** Where `train` saves when `--out` is not given: `out/<app>/<spec name>`. */
export function defaultBundleDir(app: string, specName: string): string {
  return path.join('out', app, specName);
}

/** A plugin's data and spec, ready to fit: what `runTrain` and the bench's ensembles share. */
export interface PreparedRun {
  data: PreparedData;
  spec: ModelSpec;
  train: TrainingData;
  val?: TrainingData;
  test: TrainingData;
  /** The kit's trainer settings (per-head metrics, early stopping on val_loss, TensorBoard) plus the plugin's. */
  config: TrainerConfigInput;
  /** The encoder choice the spec was made with (`--encoder`, else the plugin's default), if the app has one. */
  encoder?: string;
}

/**
 * Prepares data (preprocessing fitted on train only) and the plugin's spec, subset by `--inputs`, with the
 * trainer settings. The caller frees the data with `disposeData(run.data.train, run.data.val, run.data.test)`.
 */
export async function prepareRun(plugin: AppPlugin, options: TrainOptions, log: (line: string) => void): Promise<PreparedRun> {
  const data = await plugin.prepare({ data: options.data, seed: options.seed, tiny: options.tiny, inputs: options.inputs });
  try {
    const encoder = options.encoder ?? plugin.encoders?.[0];
    const full = parseModelSpec({ ...plugin.createSpec({ data, seed: options.seed, fusion: options.fusion, encoder }), seed: options.seed });
    const spec = subsetSpec(full, options.inputs);
    const [train, val, test] = [pickData(data.train, spec), data.val && pickData(data.val, spec), pickData(data.test, spec)];
    log(`${plugin.name}: ${data.card.name}: train ${exampleCount(train)}, val ${val ? exampleCount(val) : '10% of train'}, test ${exampleCount(test)}; spec ${spec.name} (${Object.keys(spec.inputs).join(' + ')} → ${Object.keys(spec.heads).join(', ')})`);
    const config: TrainerConfigInput = {
      epochs: options.epochs,
      batchSize: options.batchSize,
      seed: options.seed,
      validationSplit: val ? 0 : 0.1,
      metrics: headMetricConfigs(spec),
      callbacks: [
        { type: 'early-stopping', monitor: 'val_loss', patience: options.patience, restoreBestWeights: true },
        // Halve the rate well before early stopping gives up: Adam's late steps stop bouncing off the minimum.
        { type: 'reduce-lr-on-plateau', monitor: 'val_loss', factor: 0.5, patience: Math.max(1, Math.floor(options.patience / 2)) },
        ...(options.tensorboard ? [{ type: 'tensorboard' as const, logDir: options.tensorboard }] : []),
      ],
      ...plugin.trainerConfig?.(options),
    };
    return { data, spec, train, val, test, config, encoder };
  } catch (error) {
    disposeData(data.train, data.val, data.test);
    throw error;
  }
}

/**
 * The kit's train flow: `prepareRun` → `buildModel` → `afterBuild` → `Trainer` with progress lines through `log`
 * (by default stderr, with the live bar when it is a terminal; stdout stays for results) → metrics on the test
 * split → `saveBundle` with preprocessing state and model card (which records the fit's time and throughput).
 */
export async function runTrain(plugin: AppPlugin, options: TrainOptions, customLog?: (line: string) => void): Promise<TrainResult> {
  const writer = (options.dataParallel?.rank ?? 0) === 0;
  const log = !writer ? () => undefined : (customLog ?? ((line: string) => process.stderr.write(`${line}\n`)));
  const progressStream: ProgressStream = customLog ? { write: (text: string) => customLog(text.trimEnd()) } : process.stderr;
  // Refused before anything loads or trains: a folder of the user's is never replaced by a bundle.
  if (options.out !== undefined) await checkBundleTarget(options.out, { overwrite: options.overwrite });
  const { data, spec, train, val, test, config, encoder } = await prepareRun(plugin, options, log);
  try {
    const model = buildModel(spec);
    try {
      await plugin.afterBuild?.({ model, spec, options, log });
      const dir = options.out ?? defaultBundleDir(plugin.name, spec.name);
      // Resumable: a checkpoint after every epoch, beside the bundle; `--resume` continues a run that was killed.
      const checkpoints = checkpointDirFor(dir);
      const checkpointing = options.checkpoints ?? true;
      const resumeFrom = checkpointing ? await resumePoint(checkpoints, { ...options, readOnly: !writer }, log) : undefined;
      const checkpoint = checkpointCallback(config.callbacks ?? [], checkpoints);
      const trainer = new Trainer(model, spec, { ...config, callbacks: [...(config.callbacks ?? []), ...(checkpointing ? [checkpoint.callback] : [])] });
      const progress = new ProgressDisplay({ type: 'progress' }, { stream: progressStream });
      const started = performance.now();
      const history = await trainer.fit(train, { ...(val ? { validationData: val } : {}), callbacks: [progress], resumeFrom, dataParallel: options.dataParallel });
      const fitSeconds = (performance.now() - started) / 1000;
      if (writer && checkpointing && checkpoint.restoresBest) await restoreBestCheckpoint(model, checkpoints);
      const testLogs = await trainer.evaluate(test);
      // Binary heads decide at a threshold chosen on held-out data (the validation split, else train's last 10 %).
      const heldOut = val ?? lastTenth(train);
      const thresholds = chooseThresholds(model, spec, heldOut);
      if (!val) disposeData(heldOut);
      const last = Object.fromEntries(Object.entries(history.history).map(([k, v]) => [k, v[v.length - 1]]));
      const card: AppModelCard = {
        app: plugin.name,
        data: { ...data.card, path: options.data, n: { train: exampleCount(train), val: val ? exampleCount(val) : 0, test: exampleCount(test) }, tiny: options.tiny },
        inputs: Object.keys(spec.inputs),
        heads: headTypes(spec),
        seed: options.seed,
        backend: tf.getBackend(),
        fusion: spec.fusion.type,
        ...(encoder ? { encoder } : {}),
        epochs: { requested: options.epochs, completed: history.epoch.length },
        metrics: { test: nestMetrics(testLogs, spec), val: nestMetrics(last, spec, 'val_') },
        ...(data.classes ? { classes: data.classes } : {}),
        recordFields: recordFieldsOf(plugin, data.preprocessing, Object.keys(spec.inputs)),
        thresholds,
        testCharts: testCharts(model, spec, test, thresholds),
        history: history.history,
        // Examples per second over the whole fit (validation passes included), as a user would time it.
        training: { seconds: fitSeconds, examplesPerSecond: (exampleCount(train) * history.epoch.length) / fitSeconds },
      };
      trainer.dispose();
      if (!writer) return { dir, saved: false, card, testLogs, history };
      await saveBundle(dir, { model, spec, preprocessing: data.preprocessing, card }, { overwrite: options.overwrite });
      if (checkpointing) await removeCheckpoints(checkpoints);
      log(`saved ${dir} (backend ${card.backend})`);
      return { dir, saved: true, card, testLogs, history };
    } finally {
      model.dispose();
    }
  } finally {
    disposeData(data.train, data.val, data.test);
  }
}

/** The last 10 % of a split (at least one example): what the trainer holds out when there is no validation split. */
function lastTenth(data: TrainingData): TrainingData {
  const n = exampleCount(data);
  const size = Math.max(1, Math.floor(n / 10));
  return subsetData({ xs: data.xs, ys: data.ys }, Array.from({ length: size }, (_, i) => n - size + i));
}
