import * as tf from '@tensorflow/tfjs';
import { loadBundle, ModelSpec, TensorMap } from '@mimo/core';
import { nonFiniteExamples } from '@mimo/core/internal';
import { DataError, TablePreprocessor } from '@mimo/data';
import * as path from 'path';
import { readRecords } from '../data/read-records';
import { AppPlugin } from '../plugin';
import { pickInputs } from './pick-inputs';

/** One head's prediction for one record: a probability (binary), class + probabilities (multiclass), values otherwise. */
export type HeadPrediction = number | number[] | { class: number; probabilities: number[] };

/** The default record decoder: the bundle's TablePreprocessor parses and transforms the records (no labels). */
export async function decodeTableRecords(records: Record<string, unknown>[], bundle: { preprocessing?: unknown }, baseDir: string): Promise<TensorMap> {
  if (bundle.preprocessing === undefined) throw new Error('the bundle has no preprocessing.json, so raw records cannot be decoded');
  const preprocessor = TablePreprocessor.fromJSON(bundle.preprocessing);
  return (await preprocessor.transform(preprocessor.parseRecords(records, { baseDir }), { labels: false })).xs;
}

function headPrediction(type: ModelSpec['heads'][string]['type'], values: number[]): HeadPrediction {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  if (type === 'binary') return round(values[0]);
  if (type === 'multiclass') return { class: values.indexOf(Math.max(...values)), probabilities: values.map(round) };
  return values.length === 1 ? round(values[0]) : values.map(round);
}

/**
 * Loads a bundle, reads `.jsonl` / `.csv` records, decodes them with the app's decoder (relative file paths
 * resolve against the input file's folder), predicts, and returns one `{ head: prediction }` per record.
 */
export async function runPredict(plugin: AppPlugin, options: { model: string; input: string }): Promise<Record<string, HeadPrediction>[]> {
  const bundle = await loadBundle(options.model);
  try {
    const lines = await readRecords(options.input);
    const records = lines.map(({ record }) => record);
    const decode = plugin.decodeRecords ?? decodeTableRecords;
    const xs = await decode(records, { preprocessing: bundle.preprocessing, spec: bundle.spec }, path.dirname(path.resolve(options.input))).catch((error: unknown) => {
      // Decoders count records (`row 2`, of a 'request' by TablePreprocessor.parseRecords' default); the file has lines.
      if (!(error instanceof DataError) || error.location.row === undefined || ![undefined, 'request'].includes(error.location.file)) throw error;
      const { row, column } = error.location;
      throw new DataError({ file: options.input, line: lines[row - 1]?.line, column }, error.problem);
    });
    // A NaN or an infinity is an error naming its record, never a `null` prediction.
    const refuse = (tensor: tf.Tensor, problem: string) => {
      const [first] = tensor.dtype === 'float32' ? nonFiniteExamples(tensor.dataSync(), tensor.shape) : [];
      if (first !== undefined) throw new DataError({ file: options.input, line: lines[first].line }, problem);
    };
    try {
      const inputs = pickInputs(xs, bundle.spec);
      for (const [name, tensor] of Object.entries(inputs)) refuse(tensor, `input '${name}' became NaN or Infinity: the values are outside what the model's preprocessing can represent`);
      const heads = bundle.model.outputNames.map((name) => name.split('/')[0]);
      const outputs = tf.tidy(() => {
        const out = bundle.model.predict(bundle.model.inputNames.map((name) => inputs[name]));
        return (Array.isArray(out) ? out : [out]).map((t, h) => {
          refuse(t, `the model's output '${heads[h]}' is NaN or Infinity: the record is far outside what the model was trained on`);
          return t.arraySync() as number[][];
        });
      });
      return records.map((_, i) =>
        Object.fromEntries(heads.map((head, h) => [head, headPrediction(bundle.spec.heads[head]?.type ?? 'regression', outputs[h][i])])),
      );
    } finally {
      tf.dispose(Object.values(xs));
    }
  } finally {
    bundle.model.dispose();
  }
}
