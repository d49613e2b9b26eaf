import * as tf from '@tensorflow/tfjs';
import { Bundle, explainExample, HeadExplanation, InputAttribution } from '@mimo/core';
import { ModelVersion } from '../model/model-version';
import { InputBatches } from './input-batch';
import { HeadLabels } from './label-outputs';
import type { InputNames } from '@mimo/data';

/** An input's attributions as the API answers them: with `ids`, and where the bundle knows them, their `tokens` or the `features`' names. */
export type AnsweredAttribution = InputAttribution & { ids?: number[]; tokens?: string[]; features?: string[] };

/** A head's explanation as the API answers it: the name of the class whose probability is explained, beside its unit. */
export type AnsweredExplanation = Omit<HeadExplanation, 'attributions'> & { class?: string; attributions: Record<string, AnsweredAttribution> };

/** Example `i` of each input as a `[1, …]` tensor. */
function exampleTensors(inputs: InputBatches, i: number): Record<string, tf.Tensor> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, batch]) => {
      const [count, ...shape] = batch.shape;
      const width = batch.values.length / count;
      return [name, tf.tensor(batch.values.slice(i * width, (i + 1) * width), [1, ...shape], batch.dtype)];
    }),
  );
}

/**
 * Explains one example (`[1, …]` per input) with the bundle's model (`explainExample`), in the heads' terms: the
 * explained class's name, each id input's ids, and the words and column names that `names` knows.
 */
export function explainInHeadTerms(bundle: Bundle, labels: Record<string, HeadLabels>, example: Record<string, tf.Tensor>, names?: Record<string, InputNames>): Record<string, AnsweredExplanation> {
  const explained = explainExample(bundle.model, bundle.spec, example);
  return Object.fromEntries(
    Object.entries(explained).map(([head, e]) => {
      // The class whose probability is explained: a binary head's one output is its positive class's.
      const label = labels[head];
      const explainedClass = !label || label.type === 'regression' ? undefined : label.classes[label.type === 'binary' ? 1 : e.unit];
      const attributions = Object.fromEntries(
        Object.entries(e.attributions).map(([name, a]) => {
          const { features, ids: words } = names?.[name] ?? {};
          const named = { ...a, ...(features?.length === a.values.length ? { features } : {}) };
          if (example[name].dtype !== 'int32') return [name, named];
          const ids = Array.from(example[name].dataSync());
          return [name, { ...named, ids, ...(words ? { tokens: ids.map((id) => words[id] ?? String(id)) } : {}) }];
        }),
      );
      return [head, { ...e, ...(explainedClass === undefined ? {} : { class: explainedClass }), attributions }];
    }),
  );
}

/** Explains every example of a request. */
export function explainInputs(model: ModelVersion, inputs: InputBatches, count: number): Record<string, AnsweredExplanation>[] {
  return Array.from({ length: count }, (_, i) => {
    const example = exampleTensors(inputs, i);
    try {
      return explainInHeadTerms(model.served.bundle, model.labels, example, model.served.inputNames);
    } finally {
      tf.dispose(Object.values(example));
    }
  });
}
