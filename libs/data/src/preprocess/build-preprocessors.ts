import { NAME_PATTERN } from '@mimo/core/internal';
import { CategoricalColumn, NumericColumn, TableSchema } from '../tabular/table-schema';
import { CategoricalPreprocessor } from './categorical-preprocessor';
import { ImagePreprocessor } from './image-preprocessor';
import { LabelPreprocessor } from './label-preprocessor';
import { NumericPreprocessor } from './numeric-preprocessor';
import { InputPreprocessor } from './preprocessor';
import { SentimentPreprocessor, TextPreprocessor } from './text-preprocessor';

export interface SchemaPreprocessors {
  /** By input name, in the order their first column appears. */
  inputs: Record<string, InputPreprocessor<unknown>>;
  /** By head name, in column order. */
  heads: Record<string, LabelPreprocessor>;
}

/**
 * Maps a table schema to one preprocessor per model input and per head: numeric (or categorical) columns
 * that name the same input are stacked; a text or image column is an input of its own.
 */
export function buildPreprocessors(schema: TableSchema): SchemaPreprocessors {
  const numeric = new Map<string, [string, NumericColumn][]>();
  const categorical = new Map<string, [string, CategoricalColumn][]>();
  const owners = new Map<string, string>();
  // Stacked inputs are built once all their columns are known; Map order keeps the inputs in column order.
  const make = new Map<string, () => InputPreprocessor<unknown>>();
  const heads: Record<string, LabelPreprocessor> = {};

  const claim = (name: string, owner: string, stackable: boolean) => {
    if (!NAME_PATTERN.test(name)) {
      throw new Error(`Invalid table schema: ${owner} would feed "${name}", which is not a name of letters, digits and _ that starts with a letter; set its input (or head)`);
    }
    const previous = owners.get(name);
    if (previous !== undefined && !(stackable && previous === owner)) {
      throw new Error(`Invalid table schema: input or head "${name}" is fed by ${previous} and by ${owner}; expected one kind of column per input (only numeric or categorical columns stack)`);
    }
    owners.set(name, owner);
  };

  /** Adds a column to its input's group; the first column of a group fixes the input's place in the order. */
  const stack = <C extends { type: string }>(
    groups: Map<string, [string, C][]>,
    input: string,
    entry: [string, C],
    build: (input: string, group: [string, C][]) => InputPreprocessor<unknown>,
  ) => {
    claim(input, `${entry[1].type} columns`, true);
    const group = groups.get(input) ?? [];
    if (group.push(entry) === 1) {
      groups.set(input, group);
      make.set(input, () => build(input, group));
    }
  };

  for (const [columnName, column] of Object.entries(schema.columns)) {
    switch (column.type) {
      case 'numeric':
        stack(numeric, column.input ?? columnName, [columnName, column], (input, group) => new NumericPreprocessor(input, group));
        break;
      case 'categorical':
        stack(categorical, column.input ?? columnName, [columnName, column], (input, group) => new CategoricalPreprocessor(input, group));
        break;
      case 'text': {
        const input = column.input ?? columnName;
        claim(input, `text column "${columnName}"`, false);
        make.set(input, () => new TextPreprocessor(input, columnName, column));
        if (column.sentiment) {
          claim(column.sentiment.input, `sentiment of text column "${columnName}"`, false);
          const { input: sentimentInput, lexicon } = column.sentiment;
          make.set(sentimentInput, () => new SentimentPreprocessor(sentimentInput, columnName, column, lexicon));
        }
        break;
      }
      case 'image': {
        const input = column.input ?? columnName;
        claim(input, `image column "${columnName}"`, false);
        make.set(input, () => new ImagePreprocessor(input, columnName, column));
        break;
      }
      case 'label': {
        const head = column.head ?? columnName;
        claim(head, `label column "${columnName}"`, false);
        heads[head] = new LabelPreprocessor(head, columnName, column);
        break;
      }
      case 'time':
        break;
    }
  }
  const inputs = Object.fromEntries([...make].map(([input, build]) => [input, build()]));
  return { inputs, heads };
}
