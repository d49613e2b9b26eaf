import { PreparedData, PrepareOptions } from '@mimo/app-kit';
import { parseTableSchema, Row, selectRows, stratifiedSplit, TablePreprocessor, TableSchema } from '@mimo/data';
import { loadSource } from './nlp-source';
import { ColumnChoice, mainLabelColumn, TEXT_INPUT, TextLimits } from './text-table';

/** 200 tokens and a 10k vocabulary: most of an e-mail's signal, and minutes (not hours) per epoch on 2 cores. */
export const DEFAULT_LIMITS: TextLimits = { maxLength: 200, maxVocab: 10000 };
/** `--tiny`: short texts, a small vocabulary, a few hundred rows. */
export const TINY_LIMITS: TextLimits = { maxLength: 40, maxVocab: 2000 };
const TINY_ROWS = 300;

export interface NlpDataOptions {
  columns?: ColumnChoice;
  schemaFile?: string;
  /** A pretrained bundle's text preprocessing state: its vocabulary replaces the fitted one (transfer). */
  pretrainedText?: unknown;
}

/** Every k-th row: deterministic, and it keeps the class mix of a corpus stored class by class. */
function everyKth(rows: Row[], n: number): Row[] {
  const step = Math.max(1, Math.floor(rows.length / n));
  return rows.filter((_, i) => i % step === 0).slice(0, n);
}

async function fitPreprocessor(schema: TableSchema, trainRows: readonly Row[], pretrainedText: unknown): Promise<TablePreprocessor> {
  const preprocessor = await TablePreprocessor.create(schema).fit(trainRows);
  // The pretrained encoder's embedding rows are indexed by its own vocabulary, so the ids must be its ids.
  if (pretrainedText !== undefined) preprocessor.inputs[TEXT_INPUT].restore(pretrainedText);
  return preprocessor;
}

/**
 * Loads the corpus (`--data`, default SpamAssassin), splits it 70 / 15 / 15 stratified on the first label
 * (same seed → same split), fits the preprocessing on train only — or restores a bundle's — and returns tensors.
 */
export async function prepareNlp(options: PrepareOptions, nlp: NlpDataOptions = {}): Promise<PreparedData> {
  const saved = options.preprocessing === undefined ? undefined : TablePreprocessor.fromJSON(options.preprocessing);
  const limits = options.tiny ? TINY_LIMITS : DEFAULT_LIMITS;
  const source = await loadSource(options.data, { limits, columns: nlp.columns, schemaFile: nlp.schemaFile, saved: saved?.schema });
  const schema = saved?.schema ?? parseTableSchema(source.schema);
  const rows = options.tiny ? everyKth(source.rows, TINY_ROWS) : source.rows;
  const label = mainLabelColumn(schema);
  const split = stratifiedSplit(rows.map((r) => String(r[label])), { fractions: { train: 0.7, val: 0.15, test: 0.15 }, seed: options.seed });
  const preprocessor = saved ?? (await fitPreprocessor(schema, selectRows(rows, split.train), nlp.pretrainedText));
  const [train, val, test] = await Promise.all([split.train, split.val, split.test].map((indices) => preprocessor.transform(selectRows(rows, indices))));
  return { train, val, test, inputs: preprocessor.inputSpecs(), heads: preprocessor.headShapes(), classes: preprocessor.headClasses(), preprocessing: preprocessor.toJSON(), card: source.card };
}
