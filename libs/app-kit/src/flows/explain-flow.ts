import * as tf from '@tensorflow/tfjs';
import { loadBundle } from '@mimo/core';
import { DataError } from '@mimo/data';
import { AnsweredExplanation, explainInHeadTerms, headLabels, tableInputNames } from '@mimo/serve';
import { readRecords } from '../data/read-records';
import { AppPlugin } from '../plugin';
import { decodeLines, recordId } from './predict-flow';
import { pickInputs } from './pick-inputs';

/** Records a command explains at once: each costs up to a thousand forward and backward passes per head. */
export const MAX_EXPLAINED_RECORDS = 100;

export interface ExplainFlowOptions {
  model: string;
  input: string;
}

/**
 * `mimo <app> explain`: loads a bundle, decodes the records of `input` with the app's decoder (as `predict` does)
 * and explains each (integrated gradients per input, a modality ablation; `explainExample`), in the heads' terms.
 */
export async function runExplain(plugin: AppPlugin, options: ExplainFlowOptions): Promise<({ id?: unknown } & Record<string, AnsweredExplanation | unknown>)[]> {
  const bundle = await loadBundle(options.model);
  try {
    const lines = await readRecords(options.input);
    if (lines.length > MAX_EXPLAINED_RECORDS) throw new DataError({ file: options.input }, `expected at most ${MAX_EXPLAINED_RECORDS} records to explain, found ${lines.length}`);
    const xs = await decodeLines(plugin, bundle, lines, options.input);
    try {
      const inputs = pickInputs(xs, bundle.spec);
      const labels = headLabels(bundle.spec.heads, bundle.card);
      const names = tableInputNames(bundle);
      return lines.map(({ record }, i) => {
        const example = tf.tidy(() => Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, t.slice(i, 1)])));
        try {
          const id = recordId(record);
          return { ...(id === undefined ? {} : { id }), ...explainInHeadTerms(bundle, labels, example, names) };
        } finally {
          tf.dispose(Object.values(example));
        }
      });
    } finally {
      tf.dispose(Object.values(xs));
    }
  } finally {
    bundle.model.dispose();
  }
}
