import { AppPlugin, FlagRules } from '@mimo/app-kit';
import * as path from 'path';
import { healthcareCommand, parseSeeds } from '../cli/healthcare-command';
import { runTransfer } from './run-transfer';

const FLAGS = {
  source: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  epochs: { type: 'int' },
  'fine-tune-epochs': { type: 'int' },
  'batch-size': { type: 'int' },
  patience: { type: 'int' },
  seeds: { type: 'list' },
  tiny: { type: 'boolean' },
  backend: { type: 'string' },
} as const satisfies FlagRules;

/** Defaults: the PneumoniaMNIST bundle of the report, and the folder the report reads transfer.json from. */
export const TRANSFER_SOURCE_DIR = path.join('out', 'healthcare', 'pneumoniamnist');
export const TRANSFER_DIR = path.join('out', 'healthcare', 'transfer');

/**
 * `mimo healthcare transfer [--source DIR] [--data PATH] [--out DIR] [--epochs N=12] [--fine-tune-epochs N=8]
 * [--batch-size N=32] [--patience N=4] [--seeds 42,43] [--tiny]`: frozen → fine-tuned → scratch per seed.
 */
export const transferCommand = (plugin: AppPlugin) =>
  healthcareCommand('transfer', `reuse a pretrained xray encoder (--source, ${TRANSFER_SOURCE_DIR}) frozen, then fine-tuned, against training from scratch; records ${TRANSFER_DIR}/transfer.json`, FLAGS, async (flags) => {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const record = await runTransfer(
      plugin,
      {
        source: flags.source ?? TRANSFER_SOURCE_DIR,
        data: flags.data,
        out: flags.out ?? TRANSFER_DIR,
        epochs: flags.epochs ?? 12,
        fineTuneEpochs: flags.fineTuneEpochs ?? 8,
        batchSize: flags.batchSize ?? 32,
        patience: flags.patience ?? 4,
        seeds: parseSeeds(flags.seeds, 42),
        tiny: flags.tiny ?? false,
      },
      log,
    );
    return { out: flags.out ?? TRANSFER_DIR, summary: record.summary };
  });
