import { AppPlugin, parseFlags, runTrain, stat, TRAIN_FLAGS, trainOptions } from '@mimo/app-kit';
import * as path from 'path';
import { loadFinanceDataset } from '../data/prepare-finance';
import { scoreBundle } from '../report/score-bundle';

/** The StockNet paper's figures on its test period (Xu & Cohen 2018, table 2): its best model and the HAN baseline. */
export const STOCKNET_REFERENCES = { stockNet: { accuracy: 0.5823, mcc: 0.0808 }, han: { accuracy: 0.5764, mcc: 0.0518 } };

/** The compared models, by the `--inputs` each trains with. */
export const STOCKNET_VARIANTS = {
  'price-only': ['prices'],
  'lexicon-only': ['news'],
  'tweets (HAN)': ['tweets'],
  'prices + lexicon + tweets': ['prices', 'news', 'tweets'],
} as const;
export type StockNetVariant = keyof typeof STOCKNET_VARIANTS;

/** The train flags of every run: the settings of docs/finance.md's StockNet runs. */
export const STOCKNET_TRAIN_ARGS = ['--encoder', 'conv1d', '--batch-size', '256', '--patience', '2', '--epochs', '8'];

export interface StockNetRun {
  seed: number;
  /** The direction head on the test period, up at p > 0.5. */
  accuracy: number;
  mcc: number;
  epochs: number;
  seconds: number;
  /** The direction head's AUC on the validation period at its best epoch (by val_loss), and on train at that epoch. */
  valAuc: number;
  trainAuc: number;
}

export interface StockNetVariantResult {
  variant: StockNetVariant;
  inputs: readonly string[];
  runs: StockNetRun[];
  accuracy: { mean: number; std: number };
  mcc: { mean: number; std: number };
}

export interface StockNetExperimentResult {
  seeds: number[];
  test: number;
  /** Share of up days in each split: the periods differ. */
  upShare: Record<'train' | 'val' | 'test', number>;
  variants: StockNetVariantResult[];
  /** Per seed, a variant reading tweets minus a baseline variant. */
  paired: { variant: StockNetVariant; against: StockNetVariant; accuracy: number[]; mcc: number[] }[];
  references: typeof STOCKNET_REFERENCES;
}

/** Mean and sample standard deviation (the bench's `stat`, without its count). */
function meanStd(values: readonly number[]): { mean: number; std: number } {
  const { mean, std } = stat(values);
  return { mean, std };
}

/**
 * StockNet through the app's own `train`, as a user runs it: each variant's inputs, one run per seed (paired:
 * the same seeds for every variant), each bundle scored on the paper's test period by the finance report's scorer.
 */
export async function runStockNetExperiment(
  plugin: AppPlugin,
  options: { data: string; seeds: readonly number[]; out: string; tiny?: boolean; log(line: string): void },
): Promise<StockNetExperimentResult> {
  const variants: StockNetVariantResult[] = [];
  let test = 0;
  for (const [variant, inputs] of Object.entries(STOCKNET_VARIANTS) as [StockNetVariant, readonly string[]][]) {
    const runs: StockNetRun[] = [];
    for (const seed of options.seeds) {
      const out = path.join(options.out, `${inputs.join('-')}-seed${seed}`);
      const args = [...STOCKNET_TRAIN_ARGS, '--data', options.data, '--inputs', inputs.join(','), '--seed', String(seed), '--out', out, '--overwrite', ...(options.tiny ? ['--tiny'] : [])];
      options.log(`stocknet: ${variant}, seed ${seed}`);
      const result = await runTrain(plugin, { ...trainOptions(parseFlags(args, TRAIN_FLAGS), plugin), checkpoints: false }, options.log);
      const scored = await scoreBundle(variant, out);
      test = scored.test.length;
      const { history } = result.history;
      const best = history.val_loss.indexOf(Math.min(...history.val_loss));
      runs.push({
        seed,
        accuracy: scored.directionHead.directionalAccuracy,
        mcc: scored.directionHead.mcc,
        epochs: result.card.epochs.completed,
        seconds: result.card.training?.seconds ?? 0,
        valAuc: history.val_direction_auc[best],
        trainAuc: history.direction_auc[best],
      });
    }
    variants.push({ variant, inputs, runs, accuracy: meanStd(runs.map((r) => r.accuracy)), mcc: meanStd(runs.map((r) => r.mcc)) });
  }
  const find = (name: StockNetVariant) => variants.find((v) => v.variant === name) as StockNetVariantResult;
  const paired = (['tweets (HAN)', 'prices + lexicon + tweets'] as const).flatMap((variant) =>
    (['price-only', 'lexicon-only'] as const).map((against) => ({
      variant,
      against,
      accuracy: find(variant).runs.map((r, i) => r.accuracy - find(against).runs[i].accuracy),
      mcc: find(variant).runs.map((r, i) => r.mcc - find(against).runs[i].mcc),
    })),
  );
  const { splits } = await loadFinanceDataset({ data: options.data, seed: options.seeds[0], tiny: options.tiny, inputs: ['prices'] });
  const up = (examples: readonly { direction: number }[]) => examples.filter((e) => e.direction === 1).length / examples.length;
  return { seeds: [...options.seeds], test, upShare: { train: up(splits.train), val: up(splits.val), test: up(splits.test) }, variants, paired, references: STOCKNET_REFERENCES };
}

const f3 = (x: number) => x.toFixed(3);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;

/** The result as markdown: a row per variant (per-seed and mean ± sd), the paired differences, the paper's figures. */
export function formatStockNetExperiment(result: StockNetExperimentResult): string {
  const seeds = result.seeds.join(', ');
  const lines = [
    `Test period 2015-10-01..2016-01-01, ${result.test} examples; seeds ${seeds}; direction head, up at p > 0.5.`,
    `Up days: ${f3(result.upShare.train)} of train, ${f3(result.upShare.val)} of validation, ${f3(result.upShare.test)} of test (always guessing up scores ${f3(result.upShare.test)}).`,
    '',
    `| model | inputs | accuracy per seed | accuracy mean ± sd | MCC per seed | MCC mean ± sd | epochs | AUC at the best epoch: train / val |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...result.variants.map(
      (v) =>
        `| ${v.variant} | ${v.inputs.join(' + ')} | ${v.runs.map((r) => f3(r.accuracy)).join(', ')} | ${f3(v.accuracy.mean)} ± ${f3(v.accuracy.std)} | ${v.runs.map((r) => f3(r.mcc)).join(', ')} | ${f3(v.mcc.mean)} ± ${f3(v.mcc.std)} | ${v.runs.map((r) => r.epochs).join(', ')} | ${v.runs.map((r) => `${r.trainAuc.toFixed(2)} / ${r.valAuc.toFixed(2)}`).join(', ')} |`,
    ),
    `| StockNet (paper) | prices + tweets | | ${f3(result.references.stockNet.accuracy)} | | ${f3(result.references.stockNet.mcc)} | | |`,
    `| HAN (paper's baseline) | tweets | | ${f3(result.references.han.accuracy)} | | ${f3(result.references.han.mcc)} | | |`,
    '',
    '| paired, same seeds | accuracy difference per seed | mean | MCC difference per seed | mean |',
    '| --- | --- | --- | --- | --- |',
    ...result.paired.map((p) => `| ${p.variant} − ${p.against} | ${p.accuracy.map(signed).join(', ')} | ${signed(meanStd(p.accuracy).mean)} | ${p.mcc.map(signed).join(', ')} | ${signed(meanStd(p.mcc).mean)} |`),
  ];
  return lines.join('\n');
}
