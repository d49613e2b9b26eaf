import { FlagError, loadBenchConfig, parseFlags, runBench } from '@mimo/app-kit';
import * as path from 'path';
import { loadAppPlugins } from '../apps';

export const benchUsage = `mimo bench [--config FILE] [--profile quick|full] [--only a,b] [--seeds N] [--backends a,b] [--out DIR] [--fresh]
  Trains every app's variants (each input alone, fused concat / attention, bagging, stacking, encoders)
  with several seeds on each backend, and writes results.json / .csv, report.md and charts (SVG + PNG).
  --config FILE     JSON: { profile, apps, variants, backends, seeds, epochs, batchSize, patience, members, folds }
  --profile         quick (tiny data, 2 epochs: minutes; CI runs it) or full (default data, 20 epochs)
  --only a,b        apps (nlp), variants (concat) or one app's variant (nlp/concat)
  --seeds N         seeds 1 … N (default: quick 2, full 3)
  --backends a,b    auto (default), available (every usable one), or names: torch, wasm, cpu, …
  --out DIR         default out/bench/<profile>; an interrupted run resumes there
  --fresh           start over instead of resuming`;

const BENCH_FLAGS = {
  config: { type: 'string' },
  profile: { type: 'string', choices: ['quick', 'full'] },
  only: { type: 'list' },
  seeds: { type: 'int' },
  backends: { type: 'list' },
  out: { type: 'string' },
  fresh: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** `mimo bench`: resolves to an exit code (2 for a bad flag or config, 1 for a failed run). */
export async function benchCommand(args: string[], backend?: string): Promise<number> {
  let flags;
  let config;
  try {
    flags = parseFlags(args, BENCH_FLAGS);
    if (flags.help) {
      process.stdout.write(`${benchUsage}\n`);
      return 0;
    }
    const backends = flags.backends ?? (backend ? [backend] : undefined);
    config = await loadBenchConfig(flags.config, { profile: flags.profile as 'quick' | 'full' | undefined, seeds: flags.seeds, backends });
  } catch (error) {
    process.stderr.write(`mimo bench: ${(error as Error).message}\n\n${benchUsage}\n`);
    return 2;
  }
  try {
    const { report } = await runBench({ config, plugins: await loadAppPlugins(), out: flags.out ?? path.join('out', 'bench', config.profile), only: flags.only, fresh: flags.fresh });
    process.stdout.write(`${report}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`mimo bench: ${(error as Error).message}\n`);
    return error instanceof FlagError ? 2 : 1;
  }
}
