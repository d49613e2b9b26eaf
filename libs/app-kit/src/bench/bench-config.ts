import { describeZodIssues } from '@mimo/core/internal';
import { z } from 'zod';
import { promises as fs } from 'fs';

/** What a profile sets: `quick` is a smoke run of every variant (minutes on 2 cores, CI runs it); `full` is for real comparisons. */
export const BENCH_PROFILES = {
  quick: { tiny: true, epochs: 2, patience: 2, batchSize: 32, seeds: 2, members: 2, folds: 2 },
  full: { tiny: false, epochs: 20, patience: 5, batchSize: 32, seeds: 3, members: 3, folds: 3 },
} as const;

export const BenchConfigSchema = z
  .object({
    profile: z.enum(['quick', 'full']).default('quick').describe('quick: tiny data, 2 epochs; full: the apps’ default data, 20 epochs with early stopping.'),
    apps: z.array(z.string()).optional().describe('Apps to run; default: every app.'),
    variants: z.array(z.string()).optional().describe('Variant names to run (e.g. concat, only-labs, bagging); default: every variant of each app.'),
    backends: z
      .array(z.string())
      .default(['auto'])
      .describe("Backends: 'auto' (the one a plain run picks), 'available' (every usable one), or names (torch, wasm, cpu, …)."),
    seeds: z
      .union([z.number().int().positive(), z.array(z.number().int().nonnegative()).nonempty()])
      .optional()
      .describe("A count k (seeds 1 … k) or the seeds themselves; default: the profile's (quick 2, full 3)."),
    epochs: z.number().int().positive().optional().describe("Overrides the profile's epochs."),
    batchSize: z.number().int().positive().optional().describe("Overrides the profile's batch size."),
    patience: z.number().int().positive().optional().describe("Overrides the profile's early-stopping patience."),
    members: z.number().int().min(2).optional().describe("Members of the bagging and stacking ensembles; default: the profile's (quick 2, full 3)."),
    folds: z.number().int().min(2).optional().describe("Folds of stacking's out-of-fold predictions; default: the profile's (quick 2, full 3)."),
    latencyRepeats: z.number().int().positive().default(20).describe('Single-example predictions timed for the latency.'),
  })
  .strict()
  .describe('A `mimo bench` run: which apps, variants, backends and seeds, under which profile.');

export type BenchConfigInput = z.input<typeof BenchConfigSchema>;
export type BenchConfig = z.output<typeof BenchConfigSchema>;

/** What a run uses: the config's values, else its profile's. */
export function benchSettings(config: BenchConfig) {
  const profile = BENCH_PROFILES[config.profile];
  const seeds = config.seeds ?? profile.seeds;
  return {
    tiny: profile.tiny,
    epochs: config.epochs ?? profile.epochs,
    batchSize: config.batchSize ?? profile.batchSize,
    patience: config.patience ?? profile.patience,
    seeds: typeof seeds === 'number' ? Array.from({ length: seeds }, (_, i) => i + 1) : seeds,
    members: config.members ?? profile.members,
    folds: config.folds ?? profile.folds,
  };
}

/** Checks a config, naming each problem's field; `source` names where it came from in the message. */
export function parseBenchConfig(input: unknown, source = 'bench config'): BenchConfig {
  const parsed = BenchConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = describeZodIssues(parsed.error);
  throw new Error(`${source}: ${problems.join('; ')}`);
}

/** Reads a JSON config file, with flags laid over it. */
export async function loadBenchConfig(file: string | undefined, overrides: BenchConfigInput = {}): Promise<BenchConfig> {
  let fromFile: Record<string, unknown> = {};
  if (file) {
    const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new Error(`${file}: cannot read the bench config (${error.code ?? error.message})`);
    });
    try {
      fromFile = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
    }
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return parseBenchConfig({ ...fromFile, ...defined }, file ?? 'bench flags');
}
