import * as tf from '@tensorflow/tfjs';
import { buildModel, Logs, parseModelSpec, ProgressDisplay, saveBundle, Trainer, TrainerConfigInput, TrainingHistory } from '@mimo/core';
import * as path from 'path';
import { headMetricConfigs } from '../metrics/head-metric-configs';
import { nestMetrics } from '../metrics/nest-metrics';
import { AppPlugin, TrainOptions } from '../plugin';
import { AppModelCard, headTypes } from './model-card';
import { disposeData, exampleCount, pickData } from './pick-inputs';
import { subsetSpec } from './subset-spec';

export interface TrainResult {
  /** The bundle folder written. */
  dir: string;
  card: AppModelCard;
  testLogs: Logs;
  history: TrainingHistory;
}

/** Where `train` saves when `--out` is not given: `out/<app>/<spec name>`. */
export function defaultBundleDir(app: string, specName: string): string {
  return path.join('out', app, specName);
}

/**
 * The kit's train flow: prepare data (preprocessing fitted on train only) → the plugin's spec, subset by
 * `--inputs` → `Trainer` with per-head metrics, early stopping on `val_loss` (best weights restored) and
 * progress lines through `log` (stderr by default; stdout stays for results) → metrics on the test split → `saveBundle` with preprocessing state and model card.
 */
export async function runTrain(plugin: AppPlugin, options: TrainOptions, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<TrainResult> {
  const data = await plugin.prepare({ data: options.data, seed: options.seed, tiny: options.tiny });
  try {
    const full = parseModelSpec({ ...plugin.createSpec({ data, seed: options.seed, fusion: options.fusion }), seed: options.seed });
    const spec = subsetSpec(full, options.inputs);
    const [train, val, test] = [pickData(data.train, spec), data.val && pickData(data.val, spec), pickData(data.test, spec)];
    log(`${plugin.name}: ${data.card.name}: train ${exampleCount(train)}, val ${val ? exampleCount(val) : '10% of train'}, test ${exampleCount(test)}; spec ${spec.name} (${Object.keys(spec.inputs).join(' + ')} → ${Object.keys(spec.heads).join(', ')})`);
    const model = buildModel(spec);
    try {
      await plugin.afterBuild?.({ model, spec, options, log });
      const config: TrainerConfigInput = {
        epochs: options.epochs,
        batchSize: options.batchSize,
        seed: options.seed,
        validationSplit: val ? 0 : 0.1,
        metrics: headMetricConfigs(spec),
        callbacks: [
          { type: 'early-stopping', monitor: 'val_loss', patience: options.patience, restoreBestWeights: true },
          ...(options.tensorboard ? [{ type: 'tensorboard' as const, logDir: options.tensorboard }] : []),
        ],
        ...plugin.trainerConfig?.(options),
      };
      const trainer = new Trainer(model, spec, config);
      const progress = new ProgressDisplay({ type: 'progress' }, { stream: { write: (text: string) => log(text.trimEnd()) } });
      const history = await trainer.fit(train, { ...(val ? { validationData: val } : {}), callbacks: [progress] });
      const testLogs = await trainer.evaluate(test);
      const dir = options.out ?? defaultBundleDir(plugin.name, spec.name);
      const last = Object.fromEntries(Object.entries(history.history).map(([k, v]) => [k, v[v.length - 1]]));
      const card: AppModelCard = {
        app: plugin.name,
        data: { ...data.card, path: options.data, n: { train: exampleCount(train), val: val ? exampleCount(val) : 0, test: exampleCount(test) }, tiny: options.tiny },
        inputs: Object.keys(spec.inputs),
        heads: headTypes(spec),
        seed: options.seed,
        backend: tf.getBackend(),
        fusion: spec.fusion.type,
        epochs: { requested: options.epochs, completed: history.epoch.length },
        metrics: { test: nestMetrics(testLogs, spec), val: nestMetrics(last, spec, 'val_') },
        history: history.history,
      };
      await saveBundle(dir, { model, spec, preprocessing: data.preprocessing, card });
      trainer.dispose();
      log(`saved ${dir} (backend ${card.backend})`);
      return { dir, card, testLogs, history };
    } finally {
      model.dispose();
    }
  } finally {
    disposeData(data.train, data.val, data.test);
  }
}
