import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { DataError } from '../errors/data-error';
import { requiredNumbers, requiredStrings, Row, rowLocation } from '../tabular/row';
import { LabelColumn } from '../tabular/table-schema';
import { Preprocessor } from './preprocessor';

const LabelStateSchema = z.object({
  classes: z.array(z.string()).describe('Class order (binary: [negative, positive]); empty for regression.'),
});
export type LabelState = z.infer<typeof LabelStateSchema>;

/** The head config a label column calls for (merge it into a spec's `heads`). */
export type HeadShape = { type: 'binary' } | { type: 'multiclass'; classes: number } | { type: 'regression' };

function sortedValues(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * A label column → a head's targets: binary `[batch, 1]` 0/1, multiclass one-hot `[batch, classes]`,
 * regression `[batch, 1]` as is (all float32). A class not seen in training is an error.
 */
export class LabelPreprocessor extends Preprocessor<LabelState> {
  constructor(
    name: string,
    readonly column: string,
    readonly config: LabelColumn,
  ) {
    super(name, LabelStateSchema);
  }

  fit(rows: readonly Row[]): void {
    if (this.config.task === 'regression') {
      this.state = { classes: [] };
      return;
    }
    const seen = sortedValues(requiredStrings(rows, this.column, 'a class label'));
    const classes = this.config.classes ?? seen;
    const stranger = seen.find((value) => !classes.includes(value));
    if (stranger !== undefined) throw DataError.expected({ column: this.column }, `one of the configured classes ${classes.join(', ')}`, stranger);
    if (this.config.task === 'binary') {
      if (classes.length !== 2) throw new DataError({ column: this.column }, `expected 2 classes for a binary label, received ${classes.length}: ${classes.join(', ')}`);
      const positive = this.config.positive ?? classes[1];
      if (!classes.includes(positive)) throw DataError.expected({ column: this.column }, `the positive class among ${classes.join(', ')}`, positive);
      this.state = { classes: [classes.find((c) => c !== positive) ?? '', positive] };
      return;
    }
    // tfjs's own words for this would be "Error in oneHot: depth must be >=2".
    if (classes.length < 2) throw new DataError({ column: this.column }, `expected at least 2 classes for a multiclass label, received ${classes.length}${classes.length ? `: ${classes.join(', ')}` : ''}`);
    this.state = { classes };
  }

  transform(rows: readonly Row[]): tf.Tensor2D {
    if (this.config.task === 'regression') return tf.tensor2d(requiredNumbers(rows, this.column), [rows.length, 1], 'float32');
    const { classes } = this.state;
    const ids = requiredStrings(rows, this.column, 'a class label').map((value, i) => {
      const id = classes.indexOf(value);
      if (id === -1) throw DataError.expected(rowLocation(rows[i], i, this.column), `one of the classes ${classes.join(', ')}`, value);
      return id;
    });
    if (this.config.task === 'binary') return tf.tensor2d(ids, [rows.length, 1], 'float32');
    return tf.tidy(() => tf.oneHot(tf.tensor1d(ids, 'int32'), classes.length).toFloat() as tf.Tensor2D);
  }

  /** The fitted class names, in the order of the head's units (binary: [negative, positive]; none for regression). */
  classes(): string[] {
    return [...this.state.classes];
  }

  headShape(): HeadShape {
    if (this.config.task === 'multiclass') return { type: 'multiclass', classes: this.state.classes.length };
    return { type: this.config.task };
  }
}
