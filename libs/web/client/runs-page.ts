import { api, ApiError } from './api';
import { errorBarChart } from './charts';
import { fmt, h, show } from './dom';

interface Stat {
  mean: number;
  std: number;
  n: number;
}

interface BenchResults {
  date: string;
  machine: Record<string, unknown>;
  summary: { app: string; variant: string; backend: string; seeds: number[]; metrics: Record<string, Record<string, Stat>>; samplesPerSecond: Stat | null; trainSeconds: Stat; latencyMs: Stat; params: number }[];
  paired: { app: string; backend: string; variant: string; baseline: string; head: string; metric: string; difference: Stat; better: number }[];
}

/** The metric a head is compared on, as the bench chooses it: AUC, else accuracy, else RMSE. */
function keyMetric(metrics: Record<string, Record<string, Stat>>): [string, string] | undefined {
  for (const wanted of ['auc', 'accuracy', 'rmse']) {
    for (const [head, values] of Object.entries(metrics)) if (values[wanted]) return [head, wanted];
  }
  return undefined;
}

let cached: Promise<BenchResults | undefined> | undefined;

/** The server's bench results, or undefined when it has none. */
function benchResults(): Promise<BenchResults | undefined> {
  cached ??= api<BenchResults>('/v1/bench').catch((error) => {
    if (error instanceof ApiError && error.code === 'no_bench') return undefined;
    throw error;
  });
  return cached;
}

const pm = (s: Stat | null | undefined) => (!s ? '—' : s.n < 2 ? fmt(s.mean) : `${fmt(s.mean)} ± ${fmt(s.std)}`);

/** One app's bench: its key metric by variant with error bars, throughput, and paired differences. */
function appSection(results: BenchResults, app: string): HTMLElement {
  const rows = results.summary.filter((s) => s.app === app);
  const key = keyMetric(rows[0]?.metrics ?? {});
  const label = (s: BenchResults['summary'][number]) => `${s.variant} (${s.backend})`;
  const charts: HTMLElement[] = [];
  if (key) {
    const [head, metric] = key;
    const with_ = rows.filter((s) => s.metrics[head]?.[metric]);
    charts.push(h('div', { className: 'card' }, errorBarChart(`${app}: ${head} ${metric} by variant (mean ± std over seeds)`, with_.map(label), with_.map((s) => s.metrics[head][metric].mean), with_.map((s) => s.metrics[head][metric].std), metric)));
  }
  const fast = rows.filter((s) => s.samplesPerSecond);
  if (fast.length) charts.push(h('div', { className: 'card' }, errorBarChart(`${app}: training throughput`, fast.map(label), fast.map((s) => s.samplesPerSecond!.mean), fast.map((s) => s.samplesPerSecond!.std), 'examples / s')));
  const paired = results.paired.filter((p) => p.app === app);
  return h(
    'section',
    { className: 'bench-app', 'data-app': app },
    h('div', { className: 'grid' }, charts),
    h('div', { className: 'card' }, h('table', {}, h('tr', {}, ['variant', 'backend', 'seeds', key ? `${key[0]} ${key[1]}` : 'metric', 'examples / s', 'latency ms', 'params'].map((c) => h('th', {}, c))), rows.map((s) => h('tr', {}, h('td', {}, s.variant), h('td', {}, s.backend), h('td', { className: 'num' }, String(s.seeds.length)), h('td', { className: 'num' }, key ? pm(s.metrics[key[0]]?.[key[1]]) : '—'), h('td', { className: 'num' }, pm(s.samplesPerSecond)), h('td', { className: 'num' }, pm(s.latencyMs)), h('td', { className: 'num' }, fmt(s.params)))))),
    paired.length
      ? h('div', { className: 'card' }, h('h3', {}, 'Paired differences against the baseline (same seeds)'), h('table', {}, h('tr', {}, ['variant', 'baseline', 'head metric', 'difference', 'better on'].map((c) => h('th', {}, c))), paired.map((p) => h('tr', {}, h('td', {}, p.variant), h('td', {}, p.baseline), h('td', {}, `${p.head} ${p.metric}`), h('td', { className: 'num' }, pm(p.difference)), h('td', { className: 'num' }, `${p.better} of ${p.difference.n}`)))))
      : null,
  );
}

/** The bench rows of one app for its models' pages, or undefined without results. */
export async function benchRows(app: string): Promise<HTMLElement | undefined> {
  const results = await benchResults();
  return results?.summary.some((s) => s.app === app) ? appSection(results, app) : undefined;
}

/** The runs dashboard: every app's bench results. */
export async function runsPage(main: HTMLElement): Promise<void> {
  const results = await benchResults();
  if (!results) {
    show(main, h('h1', {}, 'Runs'), h('p', {}, 'This server has no bench results. Run ', h('code', {}, 'mimo bench --out DIR'), ', then start the server with ', h('code', {}, '--bench DIR'), '.'));
    return;
  }
  const apps = [...new Set(results.summary.map((s) => s.app))];
  show(main, h('h1', {}, 'Runs'), h('p', { className: 'muted' }, `mimo bench of ${new Date(results.date).toLocaleString()} on ${String(results.machine.cpu ?? results.machine.cpus ?? 'this machine')}`), apps.map((app) => [h('h2', {}, app), appSection(results, app)]));
}
