import * as path from 'path';
import { readTable } from '../tabular/read-table';
import { withFields } from '../tabular/row';
import { parseTableSchema, TableSchemaInput } from '../tabular/table-schema';
import { datasetPath } from './datasets-dir';
import { TabularDataset } from './tabular-dataset';

/** Site → its file in the data set folder. */
const FILES = { amazon: 'amazon_cells_labelled.txt', imdb: 'imdb_labelled.txt', yelp: 'yelp_labelled.txt' } as const;
export type UciSentimentSite = keyof typeof FILES;
export const UCI_SENTIMENT_SITES = Object.keys(FILES) as UciSentimentSite[];

/**
 * `sentence<TAB>label`, no header, quotes are text. sentence → tokens input `text` (also AFINN features →
 * numeric input `lexicon`); label 1 = positive → binary head `sentiment`. Each row also gets its `site`.
 */
export const UCI_SENTIMENT_SCHEMA: TableSchemaInput = {
  columnNames: ['sentence', 'label'],
  delimiter: '\t',
  quote: false,
  columns: {
    sentence: { type: 'text', input: 'text', maxLength: 40, sentiment: { input: 'lexicon', lexicon: 'afinn' } },
    label: { type: 'label', task: 'binary', head: 'sentiment', positive: '1' },
  },
};

/** Sentiment Labelled Sentences: 1000 per site (500 positive, 500 negative), 3000 in all. */
export async function loadUciSentiment(options: { dir?: string; sites?: readonly UciSentimentSite[] } = {}): Promise<TabularDataset> {
  const dir = datasetPath('uci-sentiment-sentences', options.dir);
  const dataset: TabularDataset = { name: 'uci-sentiment-sentences', data: [], schema: parseTableSchema(UCI_SENTIMENT_SCHEMA), files: [], skipped: 0 };
  for (const site of options.sites ?? UCI_SENTIMENT_SITES) {
    const file = path.join(dir, FILES[site]);
    const table = await readTable(file, dataset.schema);
    dataset.data.push(...table.data.map((row) => withFields(row, { site })));
    dataset.files.push(file);
  }
  return dataset;
}
