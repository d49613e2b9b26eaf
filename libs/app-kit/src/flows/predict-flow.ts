import * as tf from '@tensorflow/tfjs';
import { Bundle, loadBundle, TensorMap } from '@mimo/core';
import { nonFiniteExamples } from '@mimo/core/internal';
import { DataError, TablePreprocessor } from '@mimo/data';
import { headLabels, labelPrediction } from '@mimo/serve';
import * as path from 'path';
import { readRecords, RecordLine } from '../data/read-records';
import { AppPlugin } from '../plugin';
import { pickInputs } from './pick-inputs';


/** The default record decoder: the bundle's TablePreprocessor parses and transforms the records (no labels). */
export async function decodeTableRecords(records: Record<string, unknown>[], bundle: { preprocessing?: unknown }, baseDir: string): Promise<TensorMap> {
  if (bundle.preprocessing === undefined) throw new Error('the bundle has no preprocessing.json, so raw records cannot be decoded');
  const preprocessor = TablePreprocessor.fromJSON(bundle.preprocessing);
  return (await preprocessor.transform(preprocessor.parseRecords(records, { baseDir }), { labels: false })).xs;
}


export interface PredictOptions {
  model: string;
  input: string;
  /** Predict the good records and skip the bad ones (each told to `onSkip`, naming file and line) instead of failing. */
  skipBadRecords?: boolean;
  onSkip?: (error: DataError) => void;
}

/** A record's id (an `id` field, any case), echoed beside its prediction so that rows can be matched up. */
export function recordId(record: Record<string, unknown>): unknown {
  const key = Object.keys(record).find((k) => k.trim().toLowerCase() === 'id');
  return key === undefined ? undefined : record[key];
}

/** The first example of a float tensor holding a NaN or an infinity, if any. */
function firstNonFinite(tensor: tf.Tensor): number | undefined {
  return tensor.dtype === 'float32' ? nonFiniteExamples(tensor.dataSync(), tensor.shape)[0] : undefined;
}

/** The records' tensors, every problem a DataError at the record's file and line; a NaN or infinity too. */
export async function decodeLines(plugin: AppPlugin, bundle: Bundle, lines: RecordLine[], input: string): Promise<TensorMap> {
  const decode = plugin.decodeRecords ?? decodeTableRecords;
  const lineOf = (index: number) => lines[index]?.line;
  const xs = await decode(lines.map(({ record }) => record), { preprocessing: bundle.preprocessing, spec: bundle.spec }, path.dirname(path.resolve(input))).catch((error: unknown) => {
    // Decoders count records (`row 2`, of a 'request' by TablePreprocessor.parseRecords' default); the file has lines.
    if (!(error instanceof DataError) || error.location.row === undefined || ![undefined, 'request'].includes(error.location.file)) throw error;
    throw new DataError({ file: input, line: lineOf(error.location.row - 1), column: error.location.column }, error.problem);
  });
  for (const [name, tensor] of Object.entries(pickInputs(xs, bundle.spec))) {
    const first = firstNonFinite(tensor);
    if (first !== undefined) {
      tf.dispose(Object.values(xs));
      throw new DataError({ file: input, line: lineOf(first) }, `input '${name}' became NaN or Infinity: the values are outside what the model's preprocessing can represent`);
    }
  }
  return xs;
}

/** The records that decode on their own; the others are told to `onSkip`. */
async function goodRecords(plugin: AppPlugin, bundle: Bundle, lines: RecordLine[], options: PredictOptions): Promise<RecordLine[]> {
  const good: RecordLine[] = [];
  for (const line of lines) {
    try {
      tf.dispose(Object.values(await decodeLines(plugin, bundle, [line], options.input)));
      good.push(line);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      options.onSkip?.(error);
    }
  }
  if (good.length === 0) throw new DataError({ file: options.input }, `every one of the ${lines.length} records is bad`);
  return good;
}

/**
 * Loads a bundle, reads `.jsonl` / `.csv` records, decodes them with the app's decoder (relative file paths
 * resolve against the input file's folder), predicts, and returns one `{ id?, head: prediction }` per record.
 * A NaN or an infinity is an error naming its record (file and line), never a `null` prediction.
 */
export async function runPredict(plugin: AppPlugin, options: PredictOptions): Promise<Record<string, unknown>[]> {
  const bundle = await loadBundle(options.model);
  try {
    const all = await readRecords(options.input);
    const lines = options.skipBadRecords ? await goodRecords(plugin, bundle, all, options) : all;
    const xs = await decodeLines(plugin, bundle, lines, options.input);
    try {
      const inputs = pickInputs(xs, bundle.spec);
      const heads = bundle.model.outputNames.map((name) => name.split('/')[0]);
      const labels = headLabels(bundle.spec.heads, bundle.card);
      const outputs = tf.tidy(() => {
        const out = bundle.model.predict(bundle.model.inputNames.map((name) => inputs[name]));
        return (Array.isArray(out) ? out : [out]).map((t, h) => {
          const first = firstNonFinite(t);
          if (first !== undefined) throw new DataError({ file: options.input, line: lines[first].line }, `the model's output '${heads[h]}' is NaN or Infinity: the record is far outside what the model was trained on`);
          return t.arraySync() as number[][];
        });
      });
      return lines.map(({ record }, i) => {
        const id = recordId(record);
        return { ...(id === undefined ? {} : { id }), ...Object.fromEntries(heads.map((head, h) => [head, labelPrediction(outputs[h][i], labels[head])])) };
      });
    } finally {
      tf.dispose(Object.values(xs));
    }
  } finally {
    bundle.model.dispose();
  }
}
