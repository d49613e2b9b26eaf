import * as tf from '@tensorflow/tfjs';
import { InputShapeSpec } from '@mimo/core/internal';
import { z } from 'zod';
import { DataError } from '../errors/data-error';
import { expectRecordObjects } from '../errors/record-objects';
import { parseWith } from '../errors/parse-with';
import { parseCell } from '../tabular/parse-cell';
import { Cell, Row } from '../tabular/row';
import { parseTableSchema, TableSchema, TableSchemaInput, TableSchemaSchema } from '../tabular/table-schema';
import { buildPreprocessors } from './build-preprocessors';
import { HeadShape, LabelPreprocessor } from './label-preprocessor';
import { Batch, InputPreprocessor, Preprocessor } from './preprocessor';
import { RecordField } from './record-field';

export const PREPROCESSING_FORMAT = 'mimo.preprocessing';

/** Names for an input's elements, for explanations: its columns, and the word of each id of a text input. */
export interface InputNames {
  features?: string[];
  ids?: string[];
}

export const PreprocessingJsonSchema = z.object({
  format: z.literal(PREPROCESSING_FORMAT).describe(`Always '${PREPROCESSING_FORMAT}'.`),
  version: z.literal(1).describe('Layout version of this file: 1.'),
  schema: TableSchemaSchema.describe('The user config: the table schema the preprocessors were built from.'),
  state: z
    .object({
      inputs: z.record(z.string(), z.unknown()).describe('Fitted state per model input.'),
      heads: z.record(z.string(), z.unknown()).describe('Fitted state per head.'),
    })
    .describe('What was learnt from the training rows, kept apart from the config.'),
});
/** The content of a bundle's preprocessing.json. */
export type PreprocessingJson = z.output<typeof PreprocessingJsonSchema>;

export interface TransformOptions {
  /** Also make the heads' targets (`ys`); false at serving time, when there are no labels. Defaults to true. */
  labels?: boolean;
}

export interface BatchOptions extends TransformOptions {
  /** Rows per batch. Defaults to 32. */
  batchSize?: number;
}

export interface ParseRecordsOptions {
  /** Folder relative image paths start from. Defaults to the working directory. */
  baseDir?: string;
  /** Also parse label columns. Defaults to false (serving requests carry no labels). */
  labels?: boolean;
  /** What errors call the records' source. Defaults to 'request'. */
  source?: string;
}

/** Runs `make` for every named preprocessor; if one fails, the tensors made so far are disposed. */
async function tensorsOf<P extends Preprocessor<unknown>>(preprocessors: Record<string, P>, make: (p: P) => tf.Tensor | Promise<tf.Tensor>): Promise<Record<string, tf.Tensor>> {
  const out: Record<string, tf.Tensor> = {};
  try {
    for (const [name, preprocessor] of Object.entries(preprocessors)) out[name] = await make(preprocessor);
    return out;
  } catch (error) {
    tf.dispose(Object.values(out));
    throw error;
  }
}

/**
 * The whole table → model mapping: one fitted preprocessor per model input and per head, built from a table
 * schema. `fit` on the training rows only; `transform` gives `{ xs, ys }` keyed by input and head names, ready
 * for `model.fit`; `toJSON` is the bundle's preprocessing.json, and `fromJSON` puts it back at serving time.
 */
export class TablePreprocessor {
  readonly inputs: Record<string, InputPreprocessor<unknown>>;
  readonly heads: Record<string, LabelPreprocessor>;

  private constructor(readonly schema: TableSchema) {
    ({ inputs: this.inputs, heads: this.heads } = buildPreprocessors(schema));
  }

  static create(schema: TableSchemaInput): TablePreprocessor {
    return new TablePreprocessor(parseTableSchema(schema));
  }

  /** Rebuilds a fitted preprocessor from its preprocessing.json content. */
  static fromJSON(json: unknown): TablePreprocessor {
    const saved = parseWith(PreprocessingJsonSchema, json, 'preprocessing.json');
    const preprocessor = new TablePreprocessor(saved.schema);
    const restore = (group: 'inputs' | 'heads', all: Record<string, Preprocessor<unknown>>) => {
      for (const [name, p] of Object.entries(all)) {
        if (!(name in saved.state[group])) throw new Error(`Invalid preprocessing.json: state.${group} has no "${name}"; expected a state for every ${group === 'inputs' ? 'input' : 'head'} of the schema`);
        p.restore(saved.state[group][name]);
      }
    };
    restore('inputs', preprocessor.inputs);
    restore('heads', preprocessor.heads);
    return preprocessor;
  }

  get fitted(): boolean {
    return [...Object.values(this.inputs), ...Object.values(this.heads)].every((p) => p.fitted);
  }

  /** Learns every input's and head's state from the training rows (never from validation or test rows). */
  async fit(rows: readonly Row[]): Promise<this> {
    if (rows.length === 0) throw new DataError({}, 'expected at least one training row, received none');
    for (const preprocessor of [...Object.values(this.inputs), ...Object.values(this.heads)]) await preprocessor.fit(rows);
    return this;
  }

  /** `{ xs: { [input]: tensor }, ys: { [head]: tensor } }` for the rows; the caller disposes the tensors. */
  async transform(rows: readonly Row[], options: TransformOptions = {}): Promise<Batch> {
    const xs = await tensorsOf(this.inputs, (p) => p.transform(rows));
    try {
      const ys = options.labels === false ? {} : await tensorsOf(this.heads, (p) => p.transform(rows));
      return { xs, ys };
    } catch (error) {
      tf.dispose(Object.values(xs));
      throw error;
    }
  }

  /** The rows batch by batch, so a large image set is never decoded all at once. */
  async *batches(rows: readonly Row[], options: BatchOptions = {}): AsyncGenerator<Batch> {
    const batchSize = options.batchSize ?? 32;
    for (let start = 0; start < rows.length; start += batchSize) yield this.transform(rows.slice(start, start + batchSize), options);
  }

  /** The input shapes (`kind`, sizes, vocabularies) a model spec needs, from the fitted state. */
  inputSpecs(): Record<string, InputShapeSpec> {
    return Object.fromEntries(Object.entries(this.inputs).map(([name, p]) => [name, p.inputSpec()]));
  }

  /** The fields a record to predict on has (label columns left out), in input order. */
  /** What the elements of input `name` are called: its columns (`features`) and, for text, each id's word (`ids`). */
  inputNames(name: string): InputNames {
    const input = this.inputs[name];
    const [features, ids] = [input?.featureNames(), input?.idNames()];
    return { ...(features ? { features } : {}), ...(ids ? { ids } : {}) };
  }

  recordFields(): RecordField[] {
    return Object.values(this.inputs).flatMap((p) => p.recordFields());
  }

  /** Class names of each binary and multiclass head, in the order of its units (binary: [negative, positive]). */
  headClasses(): Record<string, string[]> {
    return Object.fromEntries(Object.entries(this.heads).filter(([, p]) => p.config.task !== 'regression').map(([name, p]) => [name, p.classes()]));
  }

  /** The head types (and class counts) the labels call for. */
  headShapes(): Record<string, HeadShape> {
    return Object.fromEntries(Object.entries(this.heads).map(([name, p]) => [name, p.headShape()]));
  }

  /**
   * Parses raw records (JSON values, e.g. a serving request) with the same rules as the CSV reader, so that
   * serving sees exactly the values training saw. Errors name the record's row and column.
   */
  parseRecords(records: readonly Record<string, unknown>[], options: ParseRecordsOptions = {}): Row[] {
    const context = { missingMarkers: this.schema.missingMarkers, baseDir: options.baseDir ?? process.cwd() };
    expectRecordObjects(records, 'a record object keyed by column name', options.source ?? 'request');
    return records.map((record, i) => {
      const row: Record<string, Cell> = {};
      for (const [name, column] of Object.entries(this.schema.columns)) {
        if (column.type === 'label' && !options.labels) continue;
        row[name] = parseCell(record[name], column, { ...context, location: { file: options.source ?? 'request', row: i + 1, column: name } });
      }
      return row;
    });
  }

  toJSON(): PreprocessingJson {
    const states = (all: Record<string, Preprocessor<unknown>>) => Object.fromEntries(Object.entries(all).map(([name, p]) => [name, p.toJSON()]));
    return { format: PREPROCESSING_FORMAT, version: 1, schema: this.schema, state: { inputs: states(this.inputs), heads: states(this.heads) } };
  }
}
