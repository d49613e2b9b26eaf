import { defineCommand } from '@mimo/app-kit';
import { promises as fs } from 'fs';
import { financePlugin } from '../plugin';
import { formatStockNetExperiment, runStockNetExperiment } from './stocknet-experiment';

const FLAGS = { data: { type: 'string' }, seeds: { type: 'list' }, out: { type: 'string' }, json: { type: 'string' }, tiny: { type: 'boolean' } } as const;

/** `mimo finance stocknet`: the StockNet comparison of docs/finance.md — price-only, lexicon-only and tweet-reading models over paired seeds. */
export const stockNetCommand = defineCommand(
  'finance',
  'stocknet',
  "train price-only, lexicon-only and tweet-reading (hierarchical attention) models on StockNet's split with paired seeds (--seeds 1,2,3), score them on its test period; markdown on stdout (--json FILE too; bundles in --out DIR: out/finance/stocknet; --tiny: three tickers, a smoke run)",
  FLAGS,
  async (flags) => {
    const seeds = (flags.seeds ?? ['1', '2', '3']).map(Number);
    if (seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error(`--seeds: expected non-negative integers, received ${flags.seeds?.join(',')}`);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const result = await runStockNetExperiment(financePlugin, { data: flags.data ?? 'stocknet', seeds, out: flags.out ?? 'out/finance/stocknet', tiny: flags.tiny ?? false, log });
    if (flags.json) await fs.writeFile(flags.json, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${formatStockNetExperiment(result)}\n`);
    return 0;
  },
);
