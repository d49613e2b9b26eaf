/**
 * One Adam update of every variable of a step as one kernel: 11 tfjs kernels per variable become one native call
 * for them all. Inputs, for each variable i: `variable<i>`, `gradient<i>`, `m<i>`, `v<i>` (float32, one shape per
 * variable), then `iteration` (int32 scalar: the update's 1-based number t); attrs `AdamUpdateAttrs`; outputs the
 * new variable, m and v of variable 0, then of variable 1, and so on:
 * m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², w' = w − α·m' / (√v' + ε), α = learningRate·√(1−β₂ᵗ)/(1−β₁ᵗ) in
 * float64. t is a tensor, not an attribute, so that a replayed step (whose attributes are fixed) counts on.
 * `adamUpdateInputs` and `adamUpdateParts` write and read those inputs.
 */
export const ADAM_UPDATE_KERNEL = 'MimoAdamUpdate';

export interface AdamUpdateAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  /** For checks: ATen ops as on cuda, not the cpu's one pass. */
  atenOps?: boolean;
}

/** One variable's part of the update (T: a tfjs tensor, or a backend's TensorInfo). */
export interface AdamVariableInputs<T> {
  variable: T;
  gradient: T;
  m: T;
  v: T;
}

const PARTS = ['variable', 'gradient', 'm', 'v'] as const;

/** The kernel's named inputs for `variables`, in order, at update `iteration`. */
export function adamUpdateInputs<T>(variables: ReadonlyArray<AdamVariableInputs<T>>, iteration: T): Record<string, T> {
  const inputs: Record<string, T> = { iteration };
  variables.forEach((parts, i) => PARTS.forEach((part) => (inputs[`${part}${i}`] = parts[part])));
  return inputs;
}

/** The variables' parts and the iteration back from the kernel's named inputs; throws naming an input that is missing. */
export function adamUpdateParts<T>(inputs: Readonly<Record<string, T | undefined>>): { variables: Array<AdamVariableInputs<T>>; iteration: T } {
  const need = (name: string): T => {
    const input = inputs[name];
    if (input === undefined) throw new Error(`${ADAM_UPDATE_KERNEL}: no input '${name}' (inputs: ${Object.keys(inputs).join(', ')})`);
    return input;
  };
  const count = (Object.keys(inputs).length - 1) / PARTS.length;
  if (!Number.isInteger(count) || count < 1) throw new Error(`${ADAM_UPDATE_KERNEL}: takes variable<i>, gradient<i>, m<i>, v<i> per variable and iteration. Received: ${Object.keys(inputs).join(', ')}`);
  const variables = Array.from({ length: count }, (_, i) => ({ variable: need(`variable${i}`), gradient: need(`gradient${i}`), m: need(`m${i}`), v: need(`v${i}`) }));
  return { variables, iteration: need('iteration') };
}
