import { initBackend, probeBackends } from '@mimo/backend';
import { parseModelSpec } from '@mimo/core';
import * as path from 'path';
import { disposeData } from '../flows/pick-inputs';
import { AppPlugin, TrainOptions } from '../plugin';
import { BenchConfig, benchSettings } from './bench-config';
import { benchResults, BenchResults, writeBenchReport } from './bench-report';
import { BenchStore, runKey } from './bench-store';
import { appSelectedBy, benchVariantsOf, BenchVariant, selectedBy } from './bench-variants';
import { machineInfo } from './machine';
import { runVariant } from './run-variant';

export interface BenchOptions {
  config: BenchConfig;
  /** Every app that can be benched; `config.apps` picks among them. */
  plugins: readonly AppPlugin[];
  /** Results folder: runs.jsonl (resumable), bundles/, results.json / .csv, report.md, charts. */
  out: string;
  /** `--only`: apps, variants or app/variant. */
  only?: string[];
  /** Start over instead of resuming. */
  fresh?: boolean;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

interface PlannedRun {
  plugin: AppPlugin;
  variant: BenchVariant;
  backend: string;
  seed: number;
  /** `runKey` of the run: what the store knows it by. */
  key: string;
}

async function resolveBackends(names: readonly string[]): Promise<string[]> {
  const resolved: string[] = [];
  for (const name of names) {
    if (name === 'auto') resolved.push((await initBackend()).name);
    else if (name === 'available') resolved.push(...(await probeBackends()).filter((p) => p.usable).map((p) => p.name));
    else resolved.push(name);
  }
  return [...new Set(resolved)];
}

/** The app's input names, from the spec it makes for its tiny data (what the single-input variants need). */
async function inputNamesOf(plugin: AppPlugin, seed: number): Promise<string[]> {
  const data = await plugin.prepare({ seed, tiny: true });
  try {
    return Object.keys(parseModelSpec(plugin.createSpec({ data, seed, encoder: plugin.encoders?.[0] })).inputs);
  } finally {
    disposeData(data.train, data.val, data.test);
  }
}

const minutes = (seconds: number) => (seconds < 90 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`);

/**
 * `mimo bench`: trains every selected (app, variant, backend, seed), measures it, and writes the results and
 * report. Finished runs are kept in `out/runs.jsonl`, so a run that is interrupted resumes where it stopped;
 * the same config and seeds give the same metrics (training is seeded).
 */
export async function runBench(options: BenchOptions): Promise<{ results: BenchResults; report: string }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { config } = options;
  const known = options.plugins.map((p) => p.name);
  const unknown = (config.apps ?? []).filter((app) => !known.includes(app));
  if (unknown.length) throw new Error(`apps: unknown ${unknown.map((a) => `'${a}'`).join(', ')} (expected some of: ${known.join(', ')})`);
  const plugins = options.plugins.filter((p) => (config.apps ?? known).includes(p.name) && appSelectedBy(options.only, p.name, known));
  const settings = benchSettings(config);
  const { seeds } = settings;
  const backends = await resolveBackends(config.backends);
  const store = await BenchStore.open(options.out, config, { fresh: options.fresh });

  const variants: BenchResults['variants'] = {};
  const plan: PlannedRun[] = [];
  for (const plugin of plugins) {
    const all = benchVariantsOf(plugin, await inputNamesOf(plugin, seeds[0]));
    const chosen = all.filter((v) => (!config.variants || config.variants.includes(v.name)) && selectedBy(options.only, plugin.name, v.name));
    variants[plugin.name] = Object.fromEntries(chosen.map((v) => [v.name, v.description]));
    for (const backend of backends) {
      for (const variant of chosen) {
        for (const seed of seeds) plan.push({ plugin, variant, backend, seed, key: runKey({ app: plugin.name, variant: variant.name, backend, seed }) });
      }
    }
  }
  if (plan.length === 0) throw new Error('nothing to run: no app / variant matches the config and --only');

  const keys = new Set(plan.map((p) => p.key));
  const todo = plan.filter((p) => !store.has(p.key));
  log(`mimo bench: ${config.profile} profile, ${plan.length} runs (${plan.length - todo.length} already done in ${options.out}), backends ${backends.join(', ')}, seeds ${seeds.join(', ')}`);
  const started = performance.now();
  let activeBackend: string | undefined;
  for (const [i, { plugin, variant, backend, seed }] of todo.entries()) {
    if (backend !== activeBackend) activeBackend = (await initBackend({ backend, requestedBy: 'bench config' })).name;
    const elapsed = (performance.now() - started) / 1000;
    const eta = i > 0 ? `, about ${minutes((elapsed / i) * (todo.length - i))} left` : '';
    log(`[${i + 1}/${todo.length}] ${plugin.name}/${variant.name} on ${backend}, seed ${seed} (${minutes(elapsed)} so far${eta})`);
    const train: TrainOptions = {
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      patience: settings.patience,
      tiny: settings.tiny,
      seed,
      out: path.join(options.out, 'bundles', plugin.name, variant.name, backend, `seed-${seed}`),
      ...variant.options,
    };
    const measurement = await runVariant(plugin, variant, { train, members: settings.members, folds: settings.folds, latencyRepeats: config.latencyRepeats, log: () => undefined });
    await store.add({ app: plugin.name, variant: variant.name, backend, seed, measurement, finishedAt: new Date().toISOString() });
  }
  const runs = store.runs.filter((run) => keys.has(runKey(run)));
  const results = benchResults(runs, config, machineInfo(), variants);
  const report = await writeBenchReport(results, options.out);
  log(`mimo bench: ${runs.length} runs in ${minutes((performance.now() - started) / 1000)}; report ${report}`);
  return { results, report };
}
