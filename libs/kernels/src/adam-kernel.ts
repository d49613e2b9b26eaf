/**
 * One Adam update of every variable of a step as one kernel: 11 tfjs kernels per variable become one native call
 * for them all. Inputs, for each variable i: `variable<i>`, `gradient<i>`, `m<i>`, `v<i>` (float32, one shape per
 * variable), then `iteration` (int32 scalar: the update's 1-based number t); attrs `AdamUpdateAttrs`; outputs the
 * new variable, m and v of variable 0, then of variable 1, and so on — or no outputs at all when the backend wrote
 * every variable, m and v in place (only where no other tensor shares their data; the caller then assigns nothing):
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

// Each variable's four input names, made once: a step writes and reads them all (a few dozen strings a step).
const partNames: Array<Record<(typeof PARTS)[number], string>> = [];

function namesOf(i: number): Record<(typeof PARTS)[number], string> {
  for (let next = partNames.length; next <= i; next++) partNames.push({ variable: `variable${next}`, gradient: `gradient${next}`, m: `m${next}`, v: `v${next}` });
  return partNames[i];
}

/** The kernel's named inputs for `variables`, in order, at update `iteration`. */
export function adamUpdateInputs<T>(variables: ReadonlyArray<AdamVariableInputs<T>>, iteration: T): Record<string, T> {
  const inputs: Record<string, T> = { iteration };
  variables.forEach((parts, i) => {
    const names = namesOf(i);
    for (const part of PARTS) inputs[names[part]] = parts[part];
  });
  return inputs;
}

/** The variables' parts and the iteration back from the kernel's named inputs; throws naming an input that is missing. */
export function adamUpdateParts<T>(inputs: Readonly<Record<string, T | undefined>>): { variables: Array<AdamVariableInputs<T>>; iteration: T } {
  const count = (Object.keys(inputs).length - 1) / PARTS.length;
  if (!Number.isInteger(count) || count < 1) throw new Error(`${ADAM_UPDATE_KERNEL}: takes variable<i>, gradient<i>, m<i>, v<i> per variable and iteration. Received: ${Object.keys(inputs).join(', ')}`);
  const variables: Array<AdamVariableInputs<T>> = [];
  for (let i = 0; i < count; i++) {
    const names = namesOf(i);
    variables.push({ variable: need(inputs, names.variable), gradient: need(inputs, names.gradient), m: need(inputs, names.m), v: need(inputs, names.v) });
  }
  return { variables, iteration: need(inputs, 'iteration') };
}

function need<T>(inputs: Readonly<Record<string, T | undefined>>, name: string): T {
  const input = inputs[name];
  if (input === undefined) throw new Error(`${ADAM_UPDATE_KERNEL}: no input '${name}' (inputs: ${Object.keys(inputs).join(', ')})`);
  return input;
}
