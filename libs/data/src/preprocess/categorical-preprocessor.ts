import * as tf from '@tensorflow/tfjs';
import { CategoricalInput } from '@mimo/core/internal';
import { z } from 'zod';
import { DataError } from '../errors/data-error';
import { Row, rowLocation, stringCell } from '../tabular/row';
import { CategoricalColumn } from '../tabular/table-schema';
import { InputPreprocessor } from './preprocessor';
import { RecordField } from './record-field';

/** Id of every category not seen in training (and of rare ones): the unknown bucket. */
export const UNKNOWN_ID = 0;

const CategoryMapSchema = z.object({
  categories: z.array(z.string()).describe('Known categories, most frequent first; ids follow this order.'),
  mode: z.string().nullable().describe('Most frequent training category (null when there were none).'),
  missingBucket: z.boolean().describe("Whether a missing value has its own id, after the categories ('indicator')."),
});
const CategoricalStateSchema = z.object({ columns: z.array(CategoryMapSchema).describe('Category map per column, in column order.') });

export type CategoricalState = z.infer<typeof CategoricalStateSchema>;

function listed(values: readonly string[]): string {
  const shown = values.slice(0, 10).map((v) => JSON.stringify(v));
  return values.length > 10 ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
}

/**
 * Categorical columns → `[batch, columns] int32` ids in one shared id space (so one Embedding serves them):
 * 0 is the unknown bucket, then each column's categories in turn. A category not seen in training maps to 0,
 * or is an error where the column's `unknown` policy says so.
 */
export class CategoricalPreprocessor extends InputPreprocessor<CategoricalState> {
  private lookups?: { ids: Map<string, number>; missingId?: number }[];

  constructor(
    name: string,
    readonly columns: readonly (readonly [string, CategoricalColumn])[],
  ) {
    super(name, CategoricalStateSchema);
  }

  fit(rows: readonly Row[]): void {
    this.state = {
      columns: this.columns.map(([name, column]) => {
        const counts = new Map<string, number>();
        rows.forEach((row, i) => {
          const value = stringCell(row, i, name);
          if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
        });
        const ranked = [...counts].sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0));
        return {
          categories: ranked.filter(([, count]) => count >= column.minCount).map(([value]) => value),
          mode: ranked[0]?.[0] ?? null,
          missingBucket: column.missing === 'indicator',
        };
      }),
    };
    this.lookups = undefined;
  }

  override restore(saved: unknown): this {
    this.lookups = undefined;
    return super.restore(saved);
  }

  /** Per column: category → global id, and the id of a missing value ('indicator' only). */
  private tables(): { ids: Map<string, number>; missingId?: number }[] {
    if (this.lookups) return this.lookups;
    let next = UNKNOWN_ID + 1;
    this.lookups = this.state.columns.map((map) => {
      const ids = new Map(map.categories.map((category) => [category, next++]));
      return { ids, missingId: map.missingBucket ? next++ : undefined };
    });
    return this.lookups;
  }

  private idOf(row: Row, index: number, c: number): number {
    const [name, column] = this.columns[c];
    const { mode, categories } = this.state.columns[c];
    const { ids, missingId } = this.tables()[c];
    const value = stringCell(row, index, name);
    if (value === null) {
      const id = column.missing === 'indicator' ? missingId : column.missing === 'mode' && mode !== null ? (ids.get(mode) ?? UNKNOWN_ID) : undefined;
      if (id === undefined) throw DataError.expected(rowLocation(row, index, name), 'a category', null);
      return id;
    }
    const id = ids.get(value);
    if (id === undefined && column.unknown === 'error') {
      throw DataError.expected(rowLocation(row, index, name), `a category seen in training (${listed(categories)})`, value);
    }
    return id ?? UNKNOWN_ID;
  }

  transform(rows: readonly Row[]): tf.Tensor2D {
    const width = this.columns.length;
    const out = new Int32Array(rows.length * width);
    rows.forEach((row, i) => this.columns.forEach((_, c) => (out[i * width + c] = this.idOf(row, i, c))));
    return tf.tensor2d(out, [rows.length, width], 'int32');
  }

  override featureNames(): string[] {
    return this.columns.map(([name]) => name);
  }

  recordFields(): RecordField[] {
    return this.columns.map(([name, column], c) => {
      const { categories, mode } = this.state.columns[c];
      const shown = categories.length > 12 ? `${categories.slice(0, 12).join(', ')}, … (${categories.length} in all)` : categories.join(', ');
      const other = column.unknown === 'error' ? 'any other is an error' : 'any other counts as unknown';
      return { name, kind: 'category', required: column.missing === 'error', example: mode ?? categories[0] ?? '', note: `one of ${shown}; ${other}`, choices: [...categories] };
    });
  }

  inputSpec(): CategoricalInput {
    const ids = this.state.columns.reduce((n, map) => n + map.categories.length + (map.missingBucket ? 1 : 0), 0);
    return { kind: 'categorical', vocabSize: 1 + ids, length: this.columns.length };
  }
}
