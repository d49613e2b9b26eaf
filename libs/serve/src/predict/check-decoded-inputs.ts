import { inputDtype, inputShape, ModelSpec } from '@mimo/core';
import { InputBatches } from './input-batch';

/**
 * Checks what a record decoder made against the spec (every input present, per-example shape and dtype),
 * so an app's decoder bug is a clear server error instead of a failed forward pass.
 */
export function checkDecodedInputs(inputs: InputBatches, spec: ModelSpec, count: number): string[] {
  const problems: string[] = [];
  for (const [name, input] of Object.entries(spec.inputs)) {
    const batch = inputs[name];
    if (!batch) {
      problems.push(`${name}: the decoder made no tensor for this input`);
      continue;
    }
    const expected = [count, ...inputShape(input)];
    const fits = batch.shape.length === expected.length && expected.every((d, i) => d === null || d === batch.shape[i]);
    if (!fits) problems.push(`${name}: expected shape [${expected.map((d) => d ?? 'any').join(', ')}], the decoder made [${batch.shape.join(', ')}]`);
    if (batch.dtype !== inputDtype(input)) problems.push(`${name}: expected dtype ${inputDtype(input)}, the decoder made ${batch.dtype}`);
  }
  return problems;
}
