/**
 * The examples (rows of the first axis) of a batch holding a NaN or ±Infinity. A model's non-finite output is an
 * error to report, never a result (JSON would turn it into `null`); a non-finite input is refused before the
 * model runs.
 */
export function nonFiniteExamples(values: ArrayLike<number>, shape: readonly number[]): number[] {
  const examples = shape[0] ?? 0;
  const perExample = examples === 0 ? 0 : values.length / examples;
  const bad: number[] = [];
  for (let example = 0; example < examples; example++) {
    for (let i = example * perExample; i < (example + 1) * perExample; i++) {
      if (!Number.isFinite(values[i])) {
        bad.push(example);
        break;
      }
    }
  }
  return bad;
}
