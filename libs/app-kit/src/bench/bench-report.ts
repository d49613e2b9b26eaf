import { promises as fs } from 'fs';
import * as path from 'path';
import { barChartSvg } from '../charts/bar-chart';
import { lineChartSvg } from '../charts/line-chart';
import { writeChart } from '../charts/write-chart';
import { BenchConfig } from './bench-config';
import { BenchRun } from './bench-store';
import { describeMachine, MachineInfo } from './machine';
import { keyMetric, PairedComparison, pairedComparisons, Stat, summarizeRuns, VariantSummary } from './summarize';

/** Everything a bench run reports: written as results.json, results.csv, report.md and charts. */
export interface BenchResults {
  date: string;
  machine: MachineInfo;
  config: BenchConfig;
  /** Variant descriptions by app. */
  variants: Record<string, Record<string, string>>;
  runs: BenchRun[];
  summary: VariantSummary[];
  paired: PairedComparison[];
}

export function benchResults(runs: BenchRun[], config: BenchConfig, machine: MachineInfo, variants: BenchResults['variants']): BenchResults {
  return { date: new Date().toISOString(), machine, config, variants, runs, summary: summarizeRuns(runs), paired: pairedComparisons(runs) };
}

/** Fixed decimals by magnitude, so a mean and its spread line up: 0.912, 12.3, 4,395. */
const num = (v: number) =>
  !Number.isFinite(v) ? '—' : Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3);
/** Mean ± std; a single seed has no spread to show. */
const pm = (s: Stat | null) => (!s ? '—' : s.n < 2 ? num(s.mean) : `${num(s.mean)} ± ${num(s.std)}`);

function csv(results: BenchResults): string {
  const metricColumns = [...new Set(results.runs.flatMap((r) => Object.entries(r.measurement.metrics).flatMap(([h, m]) => Object.keys(m).map((k) => `${h}.${k}`))))].sort();
  const header = ['app', 'variant', 'backend', 'seed', ...metricColumns, 'train_seconds', 'samples_per_second', 'latency_ms', 'params', 'bundle_bytes', 'epochs'];
  const rows = results.runs.map((r) => {
    const m = r.measurement;
    const metric = (column: string) => {
      const [head, name] = column.split('.');
      return m.metrics[head]?.[name] ?? '';
    };
    return [r.app, r.variant, r.backend, r.seed, ...metricColumns.map(metric), m.trainSeconds, m.samplesPerSecond ?? '', m.latencyMs, m.params, m.bundleBytes ?? '', m.epochs];
  });
  return [header, ...rows].map((row) => row.join(',')).join('\n') + '\n';
}

function appSection(app: string, results: BenchResults, charts: string[]): string[] {
  const rows = results.summary.filter((s) => s.app === app);
  const heads = Object.keys(rows[0].metrics);
  const shown = heads.flatMap((head) => {
    const metrics = Object.keys(rows[0].metrics[head]).filter((m) => m !== 'loss');
    return metrics.map((metric) => [head, metric] as const);
  });
  const table = [
    `| variant | backend | ${shown.map(([h, m]) => `${h} ${m}`).join(' | ')} | train s | samples/s | latency ms | params | bundle KiB |`,
    `| --- | --- | ${shown.map(() => '---:').join(' | ')} | ---: | ---: | ---: | ---: | ---: |`,
    ...rows.map(
      (s) =>
        `| ${s.variant} | ${s.backend} | ${shown.map(([h, m]) => pm(s.metrics[h]?.[m] ?? null)).join(' | ')} | ${pm(s.trainSeconds)} | ${pm(s.samplesPerSecond)} | ${pm(s.latencyMs)} | ${s.params.toLocaleString('en-US')} | ${s.bundleBytes ? num(s.bundleBytes.mean / 1024) : '—'} |`,
    ),
  ];
  const paired = results.paired.filter((p) => p.app === app);
  const pairedTable = paired.length
    ? [
        '',
        `Paired against \`${paired[0].baseline}\` on the same seeds (variant − baseline; "better" counts seeds):`,
        '',
        '| variant | backend | head | metric | difference (mean ± std) | better on |',
        '| --- | --- | --- | --- | ---: | ---: |',
        ...paired.map((p) => `| ${p.variant} | ${p.backend} | ${p.head} | ${p.metric} | ${pm(p.difference)} | ${p.better} / ${p.difference.n} |`),
      ]
    : [];
  const descriptions = Object.entries(results.variants[app] ?? {}).map(([name, text]) => `\`${name}\`: ${text}`);
  return [`## ${app}`, '', `Variants — ${descriptions.join('; ')}.`, '', ...table, ...pairedTable, '', ...charts.map((c) => `![${c}](${c}.svg)`), ''];
}

/** Metric by variant with error bars, throughput by backend, learning curves: one set per app. Returns the chart names by app. */
async function writeCharts(results: BenchResults, dir: string): Promise<Record<string, string[]>> {
  const names: Record<string, string[]> = {};
  for (const app of [...new Set(results.summary.map((s) => s.app))]) {
    const rows = results.summary.filter((s) => s.app === app);
    const multiBackend = new Set(rows.map((r) => r.backend)).size > 1;
    const label = (s: { variant: string; backend: string }) => (multiBackend ? `${s.variant} (${s.backend})` : s.variant);
    names[app] = [];
    for (const head of Object.keys(rows[0].metrics)) {
      const metric = keyMetric(rows[0].metrics[head]);
      if (!metric) continue;
      const name = `${app}-${head}-${metric}`;
      const bars = rows.map((s) => ({ label: label(s), value: s.metrics[head]?.[metric]?.mean ?? NaN, error: s.metrics[head]?.[metric]?.std }));
      await writeChart(path.join(dir, name), barChartSvg(bars, { title: `${app}: ${head} ${metric} by variant (mean ± std over seeds)`, yLabel: metric }));
      names[app].push(name);
    }
    const throughput = rows.filter((s) => s.samplesPerSecond);
    if (throughput.length) {
      const name = `${app}-throughput`;
      const bars = throughput.map((s) => ({ label: label(s), value: s.samplesPerSecond?.mean ?? NaN, error: s.samplesPerSecond?.std }));
      await writeChart(path.join(dir, name), barChartSvg(bars, { title: `${app}: training examples / s by variant and backend`, yLabel: 'examples / s' }));
      names[app].push(name);
    }
    const firstSeed = Math.min(...rows.flatMap((s) => s.seeds));
    const curves = Object.fromEntries(
      results.runs.filter((r) => r.app === app && r.seed === firstSeed && r.measurement.history.val_loss).map((r) => [label(r), r.measurement.history.val_loss]),
    );
    if (Object.keys(curves).length) {
      const name = `${app}-learning-curves`;
      await writeChart(path.join(dir, name), lineChartSvg(curves, { title: `${app}: validation loss by epoch (first seed)`, yLabel: 'val_loss' }));
      names[app].push(name);
    }
  }
  return names;
}

/** Writes `results.json`, `results.csv`, `report.md` and the charts (SVG + PNG) into `dir`; returns the report's path. */
export async function writeBenchReport(results: BenchResults, dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await fs.writeFile(path.join(dir, 'results.csv'), csv(results));
  const charts = await writeCharts(results, dir);
  const backends = [...new Set(results.runs.map((r) => r.backend))].join(', ');
  const seeds = [...new Set(results.runs.map((r) => r.seed))].sort((a, b) => a - b).join(', ');
  const report = [
    `# Mimo bench: ${results.config.profile} profile`,
    '',
    `Run ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${describeMachine(results.machine)}; backends ${backends}; seeds ${seeds};`,
    `${results.runs.length} runs. Generated by \`mimo bench\` from \`results.json\`; metrics are on each app's test split, mean ± std over seeds.`,
    'Training time is the fit alone (validation passes included); samples/s is training examples × epochs / that time (single models only:',
    'ensemble members fit different subsets); latency is the median of single-example predictions after warm-up; the bundle is the saved folder.',
    '',
    ...Object.entries(charts).flatMap(([app, names]) => appSection(app, results, names)),
  ].join('\n');
  const file = path.join(dir, 'report.md');
  await fs.writeFile(file, report);
  return file;
}
