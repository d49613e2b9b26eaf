import { FlagError, parseFlags } from '@mimo/app-kit';
import { AppCommand } from '@mimo/core';
import { DEFAULT_COHORT_DIR, generateCohort } from './cohort/generate-cohort';

const FLAGS = { out: { type: 'string' }, patients: { type: 'int', min: 10 }, seed: { type: 'int', min: 0 }, procedural: { type: 'boolean' }, backend: { type: 'string' } } as const;

/** `mimo healthcare generate [--out DIR] [--patients N] [--seed N] [--procedural]`: writes the default cohort. */
export const generateCommand: AppCommand = {
  summary: `write the default cohort (manifest.csv + 28×28 PNGs) into ${DEFAULT_COHORT_DIR} (seeded)`,
  run: async (args) => {
    try {
      const flags = parseFlags(args, FLAGS);
      const summary = await generateCohort({ out: flags.out, patients: flags.patients, seed: flags.seed, procedural: flags.procedural });
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    } catch (error) {
      process.stderr.write(`mimo healthcare generate: ${(error as Error).message}\n`);
      return error instanceof FlagError ? 2 : 1;
    }
  },
};
