import { DataCard } from '@mimo/app-kit';
import { Row, TableSchema, TableSchemaInput } from '@mimo/data';
import { existsSync, statSync } from 'fs';
import * as path from 'path';
import { readRawTable } from './raw-records';
import { spamAssassinSource } from './spam-assassin';
import { ColumnChoice, inferSchema, readSchemaFile, tableRows, TextLimits } from './text-table';
import { uciSentimentSource } from './uci-sentiment-source';

/** Rows of one corpus with the table schema that maps them to the model's inputs and heads. */
export interface NlpSource {
  rows: Row[];
  schema: TableSchemaInput;
  card: DataCard;
}

/** How to read a user file: the column flags, a `--schema FILE`, or a bundle's saved schema (evaluate, predict). */
export interface SourceOptions {
  limits: TextLimits;
  columns?: ColumnChoice;
  schemaFile?: string;
  saved?: TableSchema;
}

const UCI_FILE = 'amazon_cells_labelled.txt';

/**
 * `--data` → rows: nothing or `spam-assassin` is the SpamAssassin corpus (npm); `uci-sentiment` or a folder
 * holding its files is UCI Sentiment Labelled Sentences; a `.csv` / `.jsonl` file is the user's own table.
 */
export async function loadSource(data: string | undefined, options: SourceOptions): Promise<NlpSource> {
  if (data === undefined || data === 'spam-assassin') return spamAssassinSource(options.limits);
  if (data === 'uci-sentiment' && !existsSync(data)) return uciSentimentSource(options.limits);
  if (!existsSync(data)) throw new Error(`--data: ${data} does not exist`);
  if (statSync(data).isDirectory()) {
    if (existsSync(path.join(data, UCI_FILE))) return uciSentimentSource(options.limits, data);
    throw new Error(`--data: ${data}: a folder without UCI sentiment's ${UCI_FILE}; expected a .csv or .jsonl file, uci-sentiment or spam-assassin`);
  }
  const table = await readRawTable(data);
  const schema = options.saved ?? (options.schemaFile ? await readSchemaFile(options.schemaFile) : options.columns && inferSchema(table, options.columns, options.limits, (line) => process.stderr.write(`nlp: warning: ${line}\n`)));
  if (!schema) throw new Error(`--data ${data}: say which columns are what: --text-column C --label-column L [--context-columns a,b] (or --schema FILE)`);
  const labels = Object.keys(schema.columns).filter((c) => schema.columns[c].type === 'label');
  return {
    rows: tableRows(table, schema),
    schema,
    card: { name: path.basename(data), source: path.resolve(data), real: [`${table.records.length} rows of ${path.basename(data)}: text, context and label(s) ${labels.join(', ')} as given`], simulated: [] },
  };
}
