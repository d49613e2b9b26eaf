import { spawnSync } from 'child_process';
import { join } from 'path';
import { BenchModelName } from './bench-models';
import { Measurement, MeasureOptions, summarise } from './measure';

export type PytorchResult = { ok: true; version: string; python: string; results: Partial<Record<BenchModelName, Measurement>> } | { ok: false; reason: string };

const PYTHONS = ['python3', '/usr/bin/python3'];

type PytorchFound = { ok: true; python: string; version: string } | { ok: false; reason: string };
let found: PytorchFound | undefined;

/** The first python3 that imports torch, with torch's version; or why none does (probed once per process). */
export function findPytorch(): PytorchFound {
  found ??= probePythons();
  return found;
}

function probePythons(): PytorchFound {
  for (const python of PYTHONS) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { ok: true, python, version: probe.stdout.trim() };
  }
  return { ok: false, reason: `no python3 with torch (tried ${PYTHONS.join(', ')}); \`apt-get install python3-torch\`` };
}

function runScript(python: string, script: string, args: string[], input?: string): { ok: true; stdout: string } | { ok: false; reason: string } {
  const run = spawnSync(python, [join(__dirname, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 20, input });
  if (run.status !== 0) return { ok: false, reason: `${python} ${script} failed: ${run.stderr.trim().split('\n').pop()}` };
  return { ok: true, stdout: run.stdout };
}

/** Runs pytorch_bench.py on `models` on `device` (cpu, cuda); says why not when no python3 has torch. */
export function measurePytorch(models: readonly BenchModelName[], batchSize: number, options: MeasureOptions, threads: number, device: string): PytorchResult {
  const python = findPytorch();
  if (!python.ok) return python;
  const args = [String(batchSize), String(options.repetitions), String(options.minSeconds), String(options.warmupSteps), String(threads), models.join(','), device];
  const run = runScript(python.python, 'pytorch_bench.py', args);
  if (!run.ok) return run;
  const rates = JSON.parse(run.stdout) as Record<BenchModelName, number[]>;
  const results = Object.fromEntries(models.map((name) => [name, summarise(rates[name])]));
  return { ok: true, version: python.version, python: python.python, results };
}

/** What pytorch_twin.py needs to build and train a model's twin (see its docstring). */
export interface TwinJob {
  model: unknown;
  inputs: Record<string, { shape: number[]; dtype: string; high: number }>;
  losses: Record<string, string>;
  batch: number;
}

/** Trains the PyTorch twin of a tfjs-layers model (pytorch_twin.py); its samples/s and parameter count, or why not. */
export function measurePytorchTwin(job: TwinJob, options: MeasureOptions, threads: number, device: string): { ok: true; result: Measurement; params: number } | { ok: false; reason: string } {
  const python = findPytorch();
  if (!python.ok) return python;
  const input = JSON.stringify({ ...job, repetitions: options.repetitions, min_seconds: options.minSeconds, warmup: options.warmupSteps, threads, device });
  const run = runScript(python.python, 'pytorch_twin.py', [], input);
  if (!run.ok) return run;
  const { rates, params } = JSON.parse(run.stdout) as { rates: number[]; params: number };
  return { ok: true, result: summarise(rates), params };
}
