import { existsSync, mkdtempSync, promises as fs, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { tablePlugin } from '../testing/table-plugin';
import { parseBenchConfig } from './bench-config';
import { runBench } from './run-bench';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-bench-'));
const quiet = () => undefined;
const plugins = [tablePlugin()];
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const metricsOf = (runs: { variant: string; seed: number; measurement: { metrics: unknown } }[]) =>
  Object.fromEntries(runs.map((r) => [`${r.variant}/${r.seed}`, r.measurement.metrics]));

describe('mimo bench (the kit’s runner, on the toy app)', () => {
  const out = path.join(dir, 'quick');
  const config = parseBenchConfig({ profile: 'quick', latencyRepeats: 3, members: 3, folds: 3 });

  it('runs every variant with each seed and writes results, a report and charts', async () => {
    const { results, report } = await runBench({ config, plugins, out, log: quiet });
    const variants = ['only-num', 'only-ward', 'concat', 'gated', 'bagging', 'stacking'];
    expect(Object.keys(results.variants.toy)).toEqual(variants);
    expect(results.runs).toHaveLength(variants.length * 2);
    expect(results.summary.map((s) => s.variant)).toEqual(variants);
    for (const s of results.summary) {
      expect(s.seeds).toEqual([1, 2]);
      expect(s.metrics.y.accuracy.n).toBe(2);
      expect(s.params).toBeGreaterThan(0);
      expect(s.latencyMs.mean).toBeGreaterThan(0);
    }
    const single = results.summary.find((s) => s.variant === 'concat');
    expect(single?.samplesPerSecond?.mean).toBeGreaterThan(0);
    expect(single?.bundleBytes?.mean).toBeGreaterThan(0);
    expect(results.summary.find((s) => s.variant === 'bagging')?.bundleBytes).toBeNull();
    expect(results.paired.map((p) => p.variant)).toEqual(variants.filter((v) => v !== 'concat'));
    expect(results.paired[0]).toMatchObject({ baseline: 'concat', head: 'y', metric: 'auc', difference: { n: 2 } });

    const csv = readFileSync(path.join(out, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^app,variant,backend,seed,y\.accuracy,y\.auc,/);
    expect(csv).toHaveLength(1 + results.runs.length);
    const markdown = readFileSync(report, 'utf8');
    expect(markdown).toContain('## toy');
    expect(markdown).toContain('Paired against `concat`');
    for (const chart of ['toy-y-auc', 'toy-throughput', 'toy-learning-curves']) {
      expect(markdown).toContain(`![${chart}](${chart}.svg)`);
      expect(existsSync(path.join(out, `${chart}.svg`)) && existsSync(path.join(out, `${chart}.png`))).toBe(true);
    }
  });

  it('resumes: finished runs are not run again, and a run cut short is', async () => {
    const runs = path.join(out, 'runs.jsonl');
    const lines = readFileSync(runs, 'utf8').trim().split('\n');
    await fs.writeFile(runs, [...lines.slice(0, -1), lines[lines.length - 1].slice(0, 40)].join('\n'));
    const logged: string[] = [];
    const { results } = await runBench({ config, plugins, out, log: (line) => logged.push(line) });
    expect(logged[0]).toContain(`${lines.length} runs (${lines.length - 1} already done`);
    expect(logged.filter((line) => /^\[\d+\/\d+\]/.test(line))).toEqual([expect.stringMatching(/^\[1\/1\] toy\/stacking on \w+, seed 2/)]);
    expect(results.runs).toHaveLength(lines.length);
  });

  it('gives the same metrics for the same config and seeds', async () => {
    const again = await runBench({ config, plugins, out: path.join(dir, 'again'), only: ['concat', 'bagging'], log: quiet });
    const first = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    const wanted = metricsOf(first.runs.filter((r: { variant: string }) => ['concat', 'bagging'].includes(r.variant)));
    expect(metricsOf(again.results.runs)).toEqual(wanted);
  });

  it('refuses to mix configs in one folder, and names unknown apps', async () => {
    const other = parseBenchConfig({ profile: 'quick', seeds: 1 });
    await expect(runBench({ config: other, plugins, out, log: quiet })).rejects.toThrow(/holds a bench of another config .*--fresh/);
    await expect(runBench({ config: parseBenchConfig({ apps: ['nope'] }), plugins, out: path.join(dir, 'x'), log: quiet })).rejects.toThrow(
      "apps: unknown 'nope' (expected some of: toy)",
    );
    expect(() => parseBenchConfig({ seeds: 0, profile: 'slow' }, 'bench.json')).toThrow(/^bench.json: profile: .*; seeds: /);
  });
});
