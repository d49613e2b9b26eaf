import { defineCommand, FlagError, ParsedFlags, runTrain, TRAIN_FLAGS, trainOptions, withTrainingRanks } from '@mimo/app-kit';
import { AppCommand, DataParallelGroup, ModelSpec } from '@mimo/core';
import { promises as fs } from 'fs';
import * as path from 'path';
import { BaselineSplits, captureBaselineSplits, runBowBaseline, writeBaseline } from './baseline/bow-baseline';
import { ColumnChoice } from './data/text-table';
import { createNlpPlugin } from './plugin';
import { readPretrainedText } from './transfer/pretrained-encoder';
import { NlpRunInfo, RUN_FILE } from './transfer/run-info';

export const NLP_TRAIN_FLAGS = {
  ...TRAIN_FLAGS,
  'text-column': { type: 'string' },
  'label-column': { type: 'list' },
  'context-columns': { type: 'list' },
  schema: { type: 'string' },
  pretrained: { type: 'string' },
} as const;

type Flags = ParsedFlags<typeof NLP_TRAIN_FLAGS>;

function columnChoice(flags: Flags): ColumnChoice | undefined {
  if (flags.textColumn === undefined && flags.labelColumn === undefined && flags.contextColumns === undefined) return undefined;
  if (flags.schema) throw new FlagError('--schema and --text-column / --label-column / --context-columns exclude each other: the schema says what every column is');
  if (!flags.textColumn || !flags.labelColumn) throw new FlagError('--text-column and --label-column are both required to read your own file');
  return { textColumn: flags.textColumn, labelColumns: flags.labelColumn, contextColumns: flags.contextColumns ?? [] };
}

async function train(flags: Flags, dataParallel?: DataParallelGroup): Promise<number> {
  const columns = columnChoice(flags);
  if ((columns || flags.schema) && !flags.data) throw new FlagError('--text-column / --schema read your own file: give it with --data FILE.csv|FILE.jsonl');
  let splits: BaselineSplits | undefined;
  let built: { spec: ModelSpec; transferred: string[] } | undefined;
  const plugin = createNlpPlugin({
    columns,
    schemaFile: flags.schema,
    pretrained: flags.pretrained,
    pretrainedText: flags.pretrained ? await readPretrainedText(flags.pretrained) : undefined,
    onPrepared: (data) => (splits = captureBaselineSplits(data)),
    onBuilt: (spec, transferred) => (built = { spec, transferred }),
  });
  const options = { ...trainOptions(flags, plugin), dataParallel };
  const result = await runTrain(plugin, options);
  if (!result.saved) return 0; // another rank of a data-parallel run; rank 0 writes
  if (!splits || !built) throw new Error('the train flow skipped prepare or build');
  // The baseline sees exactly the run's split and vocabulary.
  const baseline = await runBowBaseline(splits, built.spec, options.seed);
  await writeBaseline(result.dir, baseline);
  const info: NlpRunInfo = { pretrained: flags.pretrained, transferred: built.transferred };
  await fs.writeFile(path.join(result.dir, RUN_FILE), JSON.stringify(info, null, 2));
  process.stdout.write(`${JSON.stringify({ bundle: result.dir, backend: result.card.backend, test: result.card.metrics.test, baseline: baseline.metrics }, null, 2)}\n`);
  return 0;
}

/** `mimo nlp train`: the kit's train flags plus the NLP ones; also fits the bag-of-words baseline on the same split. */
export const nlpTrainCommand: AppCommand = defineCommand(
  'nlp',
  'train',
  'train on --data (default: SpamAssassin; uci-sentiment; FILE.csv|.jsonl with --text-column --label-column [--context-columns] or --schema) with --encoder lstm|bigru|transformer [--pretrained DIR]',
  NLP_TRAIN_FLAGS,
  (flags) => withTrainingRanks(flags.nprocPerNode, (dataParallel) => train(flags, dataParallel)),
);
