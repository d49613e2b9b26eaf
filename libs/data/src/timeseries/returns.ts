import { DataError } from '../errors/data-error';

function checkPositive(values: readonly number[], i: number, what: string, name: string): void {
  if (!(values[i] > 0)) throw DataError.expected({ column: name, row: i + 1 }, `a positive ${what}`, values[i]);
}

/** Simple returns `v[t] / v[t−1] − 1`; one shorter than `values` (the first step has no return). */
export function returns(values: readonly number[], name = 'value'): number[] {
  return values.slice(1).map((v, i) => {
    checkPositive(values, i, 'previous value', name);
    return v / values[i] - 1;
  });
}

/** Log returns `ln(v[t] / v[t−1])`; every value must be positive. */
export function logReturns(values: readonly number[], name = 'value'): number[] {
  return values.slice(1).map((v, i) => {
    checkPositive(values, i, 'previous value', name);
    checkPositive(values, i + 1, 'value', name);
    return Math.log(v / values[i]);
  });
}
