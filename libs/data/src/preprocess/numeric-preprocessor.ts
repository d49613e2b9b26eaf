import * as tf from '@tensorflow/tfjs';
import { NumericInput } from '@mimo/core/internal';
import { z } from 'zod';
import { DataError } from '../errors/data-error';
import { numberCell, Row, rowLocation } from '../tabular/row';
import { NumericColumn } from '../tabular/table-schema';
import { InputPreprocessor } from './preprocessor';
import { RecordField } from './record-field';

const ColumnStatsSchema = z.object({
  mean: z.number().describe('Mean of the training values.'),
  std: z.number().describe('Population standard deviation of the training values.'),
  min: z.number().describe('Smallest training value.'),
  max: z.number().describe('Largest training value.'),
});
const NumericStateSchema = z.object({ columns: z.array(ColumnStatsSchema).describe('Statistics per column, in column order.') });

export type ColumnStats = z.infer<typeof ColumnStatsSchema>;
export type NumericState = z.infer<typeof NumericStateSchema>;

export function columnStats(values: readonly number[]): ColumnStats {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / values.length;
  const variance = values.reduce((acc, v) => acc + (v - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance), min, max };
}

/** Scales a value with training statistics; a constant column (std or range 0) is only shifted. */
export function scaleValue(value: number, stats: ColumnStats, scaling: NumericColumn['scaling']): number {
  if (scaling === 'standard') return (value - stats.mean) / (stats.std || 1);
  if (scaling === 'minmax') return (value - stats.min) / (stats.max - stats.min || 1);
  return value;
}

/**
 * Numeric columns → `[batch, size] float32`: each column scaled with its training statistics, a missing value
 * imputed with the training mean (and flagged by an extra 0/1 feature right after it with 'indicator').
 */
export class NumericPreprocessor extends InputPreprocessor<NumericState> {
  constructor(
    name: string,
    readonly columns: readonly (readonly [string, NumericColumn])[],
  ) {
    super(name, NumericStateSchema);
  }

  /** Features per example: one per column plus one per 'indicator' column. */
  get size(): number {
    return this.columns.reduce((n, [, column]) => n + (column.missing === 'indicator' ? 2 : 1), 0);
  }

  fit(rows: readonly Row[]): void {
    this.state = {
      columns: this.columns.map(([name]) => {
        const values = rows.map((row, i) => numberCell(row, i, name)).filter((v): v is number => v !== null);
        if (values.length === 0) throw new DataError({ column: name }, `expected at least one value in the training rows, received ${rows.length} missing values`);
        return columnStats(values);
      }),
    };
  }

  transform(rows: readonly Row[]): tf.Tensor2D {
    const { columns } = this.state;
    const size = this.size;
    const out = new Float32Array(rows.length * size);
    rows.forEach((row, i) => {
      let at = i * size;
      this.columns.forEach(([name, column], c) => {
        const value = numberCell(row, i, name);
        if (value === null && column.missing === 'error') throw DataError.expected(rowLocation(row, i, name), 'a finite number', null);
        out[at++] = scaleValue(value ?? columns[c].mean, columns[c], column.scaling);
        if (column.missing === 'indicator') out[at++] = value === null ? 1 : 0;
      });
    });
    return tf.tensor2d(out, [rows.length, size], 'float32');
  }

  inputSpec(): NumericInput {
    return { kind: 'numeric', size: this.size };
  }

  override featureNames(): string[] {
    return this.columns.map(([name]) => name);
  }

  recordFields(): RecordField[] {
    const round = (v: number) => Number(v.toPrecision(4));
    return this.columns.map(([name, column], c) => {
      const { mean, min, max } = this.state.columns[c];
      return { name, kind: 'number', required: column.missing === 'error', example: round(mean), note: `training range ${round(min)} to ${round(max)}` };
    });
  }
}
