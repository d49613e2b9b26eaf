import { nonFiniteExamples } from '@mimo/core/internal';
import { InputBatches, OutputBatch } from './input-batch';
import { RequestError } from './request-error';

/** How a predict body names its examples: `records[3]`, `instances[3]`, or `inputs.x[3]` (columns). */
export type ExampleField = (index: number, input: string) => string;

/**
 * Refuses (422) a request whose decoded inputs hold a NaN or an infinity: values outside what the preprocessing
 * can represent (prices of 1e308, say) must not reach the model.
 */
export function refuseNonFiniteInputs(inputs: InputBatches, field: ExampleField): void {
  for (const [name, batch] of Object.entries(inputs)) {
    if (batch.dtype !== 'float32') continue;
    const [first] = nonFiniteExamples(batch.values, batch.shape);
    if (first !== undefined) {
      throw new RequestError(422, 'non_finite_input', `input '${name}' became NaN or Infinity: the values are outside what the model's preprocessing can represent`, field(first, name));
    }
  }
}

/** Answers 422 instead of a `null` prediction when the model's output for an example is not finite. */
export function refuseNonFiniteOutputs(outputs: Record<string, OutputBatch>, field: ExampleField): void {
  for (const [name, batch] of Object.entries(outputs)) {
    const [first] = nonFiniteExamples(batch.values, batch.shape);
    if (first !== undefined) {
      throw new RequestError(422, 'non_finite_output', `the model's output '${name}' is NaN or Infinity for this example: its inputs are far outside what it was trained on`, field(first, name));
    }
  }
}
