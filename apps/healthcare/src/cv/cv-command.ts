import { AppPlugin, FlagRules } from '@mimo/app-kit';
import { promises as fs } from 'fs';
import * as path from 'path';
import { healthcareCommand } from '../cli/healthcare-command';
import { loadHealthcareTable } from '../datasets/load-table';
import { crossValidate } from './cross-validate';

const FLAGS = {
  data: { type: 'string' },
  folds: { type: 'int', min: 2 },
  out: { type: 'string' },
  epochs: { type: 'int' },
  'batch-size': { type: 'int' },
  patience: { type: 'int' },
  seed: { type: 'int', min: 0 },
  tiny: { type: 'boolean' },
  backend: { type: 'string' },
} as const satisfies FlagRules;

/** Where `cv` writes its JSON: `out/healthcare/cv/<data set>.json` (the report reads that folder). */
export const CV_DIR = path.join('out', 'healthcare', 'cv');

/**
 * `mimo healthcare cv [--data PATH] [--folds N=10] [--out FILE] [--epochs N=60] [--batch-size N=16]
 * [--patience N=10] [--seed N=42] [--tiny]`: stratified k-fold cross-validation; prints and writes the
 * per-fold test metrics and their mean ± std.
 */
export const cvCommand = (plugin: AppPlugin) =>
  healthcareCommand('cv', 'stratified k-fold cross-validation on a table (--data wdbc or a manifest): mean ± std of the test metrics across --folds N (10)', FLAGS, async (flags) => {
  const tiny = flags.tiny ?? false;
  const table = await loadHealthcareTable(flags.data, tiny);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const options = { data: flags.data, folds: flags.folds ?? 10, epochs: flags.epochs ?? 60, batchSize: flags.batchSize ?? 16, patience: flags.patience ?? 10, seed: flags.seed ?? 42, tiny };
  const result = await crossValidate(plugin, table, options, log);
  const file = flags.out ?? path.join(CV_DIR, `${table.card.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.json`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return { file, folds: result.folds, summary: result.summary };
});
