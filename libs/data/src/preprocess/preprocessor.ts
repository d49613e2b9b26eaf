import * as tf from '@tensorflow/tfjs';
import { InputShapeSpec } from '@mimo/core/internal';
import { z } from 'zod';
import { parseWith } from '../errors/parse-with';
import { Row } from '../tabular/row';
import { RecordField } from './record-field';

/** What a loader yields and `model.fit` reads: tensors keyed by the spec's input and head names. */
export interface Batch {
  xs: Record<string, tf.Tensor>;
  ys: Record<string, tf.Tensor>;
}

/**
 * Turns one column group into one tensor. Its user config comes in the constructor; what it learns from
 * the training rows (`fit`) is its state, saved by `toJSON` and put back by `restore`, so serving applies
 * exactly what training applied.
 */
export abstract class Preprocessor<State> {
  private fittedState?: State;

  constructor(
    /** The model input or head this preprocessor feeds. */
    readonly name: string,
    private readonly stateSchema: z.ZodType<State>,
  ) {}

  /** Learns the state from the training rows only. */
  abstract fit(rows: readonly Row[]): void | Promise<void>;

  /** The rows as one tensor, `[rows.length, …shape]`. */
  abstract transform(rows: readonly Row[]): tf.Tensor | Promise<tf.Tensor>;

  get fitted(): boolean {
    return this.fittedState !== undefined;
  }

  protected get state(): State {
    if (this.fittedState === undefined) {
      throw new Error(`${this.constructor.name} of "${this.name}" is not fitted: call fit(trainRows) or restore(savedState) first`);
    }
    return this.fittedState;
  }

  protected set state(state: State) {
    this.fittedState = state;
  }

  /** The fitted state as plain JSON (what goes into the bundle's preprocessing.json). */
  toJSON(): State {
    return this.state;
  }

  /** Puts back a state saved by `toJSON`, validated. */
  restore(saved: unknown): this {
    this.fittedState = parseWith(this.stateSchema, saved, `preprocessing state of "${this.name}"`);
    return this;
  }
}

/** A preprocessor that feeds a model input, so it knows the input's kind and shape once fitted. */
export abstract class InputPreprocessor<State> extends Preprocessor<State> {
  abstract inputSpec(): InputShapeSpec;

  /** The record fields this input reads, once fitted (examples come from the training data). */
  abstract recordFields(): RecordField[];

  /** What each id of an id input stands for (a vocabulary's words), to show explanations by; undefined otherwise. */
  idNames(): string[] | undefined {
    return undefined;
  }

  /** The name of each element of this input's vector (its columns), to show explanations by; undefined otherwise. */
  featureNames(): string[] | undefined {
    return undefined;
  }
}
