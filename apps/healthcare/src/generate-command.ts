import { healthcareCommand } from './cli/healthcare-command';
import { DEFAULT_COHORT_DIR, generateCohort } from './cohort/generate-cohort';

const FLAGS = { out: { type: 'string' }, patients: { type: 'int', min: 10 }, seed: { type: 'int', min: 0 }, procedural: { type: 'boolean' }, backend: { type: 'string' } } as const;

/** `mimo healthcare generate [--out DIR] [--patients N] [--seed N] [--procedural]`: writes the default cohort. */
export const generateCommand = healthcareCommand('generate', `write the default cohort (manifest.csv + 28×28 PNGs) into ${DEFAULT_COHORT_DIR} (seeded)`, FLAGS, (flags) =>
  generateCohort({ out: flags.out, patients: flags.patients, seed: flags.seed, procedural: flags.procedural }),
);
