import { spawnSync } from 'child_process';
import { join } from 'path';
import { BenchModelName } from './bench-models';
import { Measurement, MeasureOptions, summarise } from './measure';

export type PytorchResult = { ok: true; version: string; python: string; results: Partial<Record<BenchModelName, Measurement>> } | { ok: false; reason: string };

const PYTHONS = ['python3', '/usr/bin/python3'];

/** Runs pytorch_bench.py on `models` on `device` (cpu, cuda) with the first python3 that imports torch; says why not when none does. */
export function measurePytorch(models: readonly BenchModelName[], batchSize: number, options: MeasureOptions, threads: number, device: string): PytorchResult {
  for (const python of PYTHONS) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const args = [join(__dirname, 'pytorch_bench.py'), String(batchSize), String(options.repetitions), String(options.minSeconds), String(options.warmupSteps), String(threads), models.join(','), device];
    const run = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) return { ok: false, reason: `${python} pytorch_bench.py failed: ${run.stderr.trim().split('\n').pop()}` };
    const rates = JSON.parse(run.stdout) as Record<BenchModelName, number[]>;
    const results = Object.fromEntries(models.map((name) => [name, summarise(rates[name])]));
    return { ok: true, version: probe.stdout.trim(), python, results };
  }
  return { ok: false, reason: `no python3 with torch (tried ${PYTHONS.join(', ')}); \`apt-get install python3-torch\`` };
}
