import { evaluateModel, loadBundle } from '@mimo/core';
import { MetricConfigSchema } from '@mimo/core/internal';
import { promises as fs } from 'fs';
import * as path from 'path';
import { headMetricConfigs } from '../metrics/head-metric-configs';
import { HeadMetricValues, nestMetrics } from '../metrics/nest-metrics';
import { AppPlugin } from '../plugin';
import { readAppCard } from './model-card';
import { disposeData, exampleCount, pickData } from './pick-inputs';

/** What `mimo <app> evaluate` prints and writes with `--json`. */
export interface EvaluationReport {
  dataset: string;
  n: number;
  heads: Record<string, HeadMetricValues>;
}

export interface EvaluateOptions {
  model: string;
  /** Defaults to the data the bundle was trained on (its card's `data.path`, else the app's default). */
  data?: string;
  json?: string;
}

/**
 * Loads a bundle, prepares the data with the bundle's preprocessing (restored, never refitted) and the
 * card's seed (so the split is the training run's), and reports the test split's losses and metrics per head.
 */
export async function runEvaluate(plugin: AppPlugin, options: EvaluateOptions): Promise<EvaluationReport> {
  const bundle = await loadBundle(options.model);
  try {
    const card = readAppCard(bundle.card, options.model);
    const data = await plugin.prepare({ data: options.data ?? card.data.path, seed: card.seed, preprocessing: bundle.preprocessing, tiny: card.data.tiny });
    try {
      const test = pickData(data.test, bundle.spec);
      const metrics = Object.fromEntries(Object.entries(headMetricConfigs(bundle.spec)).map(([h, list]) => [h, list.map((m) => MetricConfigSchema.parse(m))]));
      const logs = await evaluateModel(bundle.model, bundle.spec, test, { metrics });
      const report: EvaluationReport = { dataset: data.card.name, n: exampleCount(test), heads: nestMetrics(logs, bundle.spec) };
      if (options.json) {
        await fs.mkdir(path.dirname(path.resolve(options.json)), { recursive: true });
        await fs.writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
      }
      return report;
    } finally {
      disposeData(data.train, data.val, data.test);
    }
  } finally {
    bundle.model.dispose();
  }
}
