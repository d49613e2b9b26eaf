import * as tf from '@tensorflow/tfjs';
import { NumericInput, TokensInput } from '@mimo/core/internal';
import { z } from 'zod';
import { DataError } from '../errors/data-error';
import { Row, rowLocation, stringCell } from '../tabular/row';
import { Lexicon, TextColumn } from '../tabular/table-schema';
import { LEXICON_FEATURES, lexiconFeatures } from '../text/lexicon-features';
import { createTokenizer, Tokenize } from '../text/tokenize';
import { Vocabulary } from '../text/vocabulary';
import { InputPreprocessor } from './preprocessor';
import { RecordField } from './record-field';

const TextStateSchema = z.object({ tokens: z.array(z.string()).describe('Vocabulary: the token of id 2, 3, … (0 = PAD, 1 = OOV).') });
export type TextState = z.infer<typeof TextStateSchema>;

/** Tokens of every row's text; a missing text is an error or an empty text, as the column says. */
function tokenizeRows(rows: readonly Row[], column: string, config: TextColumn, tokenize: Tokenize): string[][] {
  return rows.map((row, i) => {
    const text = stringCell(row, i, column);
    if (text === null && config.missing === 'error') throw DataError.expected(rowLocation(row, i, column), 'a text', null);
    return tokenize(text ?? '');
  });
}

/** A text column → `[batch, maxLength] int32` token ids (0 = PAD, 1 = OOV), vocabulary fitted on training texts. */
export class TextPreprocessor extends InputPreprocessor<TextState> {
  private readonly tokenize: Tokenize;
  private vocabulary?: Vocabulary;

  constructor(
    name: string,
    readonly column: string,
    readonly config: TextColumn,
  ) {
    super(name, TextStateSchema);
    this.tokenize = createTokenizer(config);
  }

  fit(rows: readonly Row[]): void {
    const vocabulary = Vocabulary.fit(tokenizeRows(rows, this.column, this.config, this.tokenize), { minCount: this.config.minCount, maxSize: this.config.maxVocab });
    this.state = { tokens: [...vocabulary.tokens] };
    this.vocabulary = vocabulary;
  }

  override restore(saved: unknown): this {
    super.restore(saved);
    this.vocabulary = new Vocabulary(this.state.tokens);
    return this;
  }

  transform(rows: readonly Row[]): tf.Tensor2D {
    const vocabulary = this.vocabulary ?? new Vocabulary(this.state.tokens);
    const { maxLength, padding, truncation } = this.config;
    const out = new Int32Array(rows.length * maxLength);
    tokenizeRows(rows, this.column, this.config, this.tokenize).forEach((tokens, i) => out.set(vocabulary.encode(tokens, { maxLength, padding, truncation }), i * maxLength));
    return tf.tensor2d(out, [rows.length, maxLength], 'int32');
  }

  recordFields(): RecordField[] {
    const example = this.state.tokens.slice(0, 6).join(' ');
    return [{ name: this.column, kind: 'text', required: this.config.missing === 'error', example, note: `free text; the first ${this.config.maxLength} tokens are read` }];
  }

  override idNames(): string[] {
    return ['[PAD]', '[OOV]', ...this.state.tokens];
  }

  inputSpec(): TokensInput {
    return { kind: 'tokens', vocabSize: this.state.tokens.length + 2, maxLength: this.config.maxLength };
  }
}

/** A text column → `[batch, 4] float32` lexicon sentiment features (sum, mean, positive hits, negative hits). */
export class SentimentPreprocessor extends InputPreprocessor<Record<string, never>> {
  private readonly tokenize: Tokenize;

  constructor(
    name: string,
    readonly column: string,
    readonly config: TextColumn,
    readonly lexicon: Lexicon,
  ) {
    // Nothing is learnt: the word lists are fixed, and the features are on AFINN's own scale.
    super(name, z.object({}).strict() as z.ZodType<Record<string, never>>);
    // Stemming would hide words from the lexicon, so only the case and tokeniser settings carry over.
    this.tokenize = createTokenizer({ tokenizer: config.tokenizer, lowercase: true });
  }

  fit(): void {
    this.state = {};
  }

  transform(rows: readonly Row[]): tf.Tensor2D {
    const features = tokenizeRows(rows, this.column, this.config, this.tokenize).flatMap((tokens) => lexiconFeatures(tokens, this.lexicon));
    return tf.tensor2d(features, [rows.length, LEXICON_FEATURES.length], 'float32');
  }

  /** None of its own: it reads the text column its TextPreprocessor lists. */
  recordFields(): RecordField[] {
    return [];
  }

  inputSpec(): NumericInput {
    return { kind: 'numeric', size: LEXICON_FEATURES.length };
  }
}
