import { NAME_PATTERN } from '@mimo/core/internal';
import { z } from 'zod';
import { parseWith } from '../errors/parse-with';

const NameSchema = z.string().regex(NAME_PATTERN, 'expected a name of letters, digits and _ that starts with a letter');
const inputField = {
  input: NameSchema.optional().describe('Model input this column feeds; columns with the same input are stacked. Defaults to the column name.'),
};

export const NumericColumnSchema = z
  .object({
    type: z.literal('numeric').describe('A number; feeds a numeric input [size] float32.'),
    ...inputField,
    missing: z
      .enum(['error', 'mean', 'indicator'])
      .default('error')
      .describe("A missing value is an error, is imputed with the training mean, or is imputed and flagged by an extra 0/1 feature. Defaults to 'error'."),
    scaling: z
      .enum(['standard', 'minmax', 'none'])
      .default('standard')
      .describe("(x − mean) / std, (x − min) / (max − min), or as is, with statistics of the training rows. Defaults to 'standard'."),
  })
  .describe('Numeric column.');

export const CategoricalColumnSchema = z
  .object({
    type: z.literal('categorical').describe('A category; feeds a categorical input [length] int32 with 0 the unknown bucket.'),
    ...inputField,
    missing: z
      .enum(['error', 'mode', 'indicator'])
      .default('error')
      .describe("A missing value is an error, becomes the most frequent training category, or gets its own id. Defaults to 'error'."),
    unknown: z
      .enum(['bucket', 'error'])
      .default('bucket')
      .describe("A category not seen in training maps to id 0 (the unknown bucket), or is an error. Defaults to 'bucket'."),
    minCount: z.number().int().positive().default(1).describe('Categories seen fewer times in training go to the unknown bucket. Defaults to 1.'),
  })
  .describe('Categorical column.');

export const TokenizerConfigSchema = z.object({
  tokenizer: z
    .enum(['word', 'tweet'])
    .default('word')
    .describe("'word': natural's WordTokenizer; 'tweet': keeps #tags, $cashtags and emoticons, URLs → URL, @users → AT_USER. Defaults to 'word'."),
  lowercase: z.boolean().default(true).describe('Lower-case words first. Defaults to true.'),
  stem: z.boolean().default(false).describe('Porter-stem every word. Defaults to false.'),
  stopWords: z.boolean().default(false).describe("Drop natural's English stop words. Defaults to false."),
});

export const LexiconSchema = z
  .enum(['afinn', 'afinn-financial'])
  .describe("'afinn': AFINN-165; 'afinn-financial': AFINN-165 adapted to financial market news.");

export const TextColumnSchema = z
  .object({
    type: z.literal('text').describe('Free text; feeds a tokens input [maxLength] int32 with 0 = PAD and 1 = OOV.'),
    ...inputField,
    ...TokenizerConfigSchema.shape,
    minCount: z.number().int().positive().default(1).describe('Tokens seen fewer times in training become OOV. Defaults to 1.'),
    maxVocab: z.number().int().min(3).default(20000).describe('Vocabulary size including PAD and OOV; the most frequent tokens are kept. Defaults to 20000.'),
    maxLength: z.number().int().positive().default(64).describe('Tokens per example after padding / truncation. Defaults to 64.'),
    padding: z.enum(['post', 'pre']).default('post').describe("Where PAD ids go. Defaults to 'post'."),
    truncation: z.enum(['post', 'pre']).default('post').describe("Which end of a long text is cut. Defaults to 'post'."),
    missing: z.enum(['error', 'empty']).default('error').describe("A missing text is an error, or an empty text (all PAD). Defaults to 'error'."),
    sentiment: z
      .object({
        input: NameSchema.describe('Name of the numeric input [4] (sum, mean, positive hits, negative hits).'),
        lexicon: LexiconSchema.default('afinn').describe("Word list. Defaults to 'afinn'."),
      })
      .optional()
      .describe('Also feed lexicon sentiment features of this text to a second, numeric input. Unset: none.'),
  })
  .describe('Text column.');

export const ImageFitSchema = z
  .enum(['exact', 'fill', 'cover', 'contain'])
  .describe("'exact': an image of another size is an error; 'fill': stretch; 'cover': crop to fill; 'contain': letterbox with black.");

export const ImageColumnSchema = z
  .object({
    type: z.literal('image').describe('Path of a PNG / JPEG / WebP file; feeds an image input [height, width, channels] float32.'),
    ...inputField,
    baseDir: z.string().optional().describe("Folder relative paths start from. Defaults to the CSV file's folder."),
    height: z.number().int().positive().optional().describe('Height in pixels. Defaults to that of the first training image.'),
    width: z.number().int().positive().optional().describe('Width in pixels. Defaults to that of the first training image.'),
    channels: z.union([z.literal(1), z.literal(3)]).default(1).describe('1: grey; 3: RGB (alpha is dropped). Defaults to 1.'),
    fit: ImageFitSchema.default('exact').describe("How an image of another size is handled. Defaults to 'exact'."),
    normalize: z
      .enum(['unit', 'standard', 'none'])
      .default('unit')
      .describe("'unit': pixel / 255; 'standard': per-channel (pixel / 255 − mean) / std of the training images; 'none': 0–255. Defaults to 'unit'."),
  })
  .describe('Image path column.');

export const TimeColumnSchema = z
  .object({
    type: z.literal('time').describe('A date or time (ISO 8601, or epoch milliseconds); parsed to epoch ms for sorting and time splits, not a model input.'),
    missing: z.literal('error').default('error').describe("A missing time is always an error. Defaults to 'error'."),
  })
  .describe('Time column.');

export const LabelColumnSchema = z
  .object({
    type: z.literal('label').describe('A target; feeds a head.'),
    head: NameSchema.optional().describe('Head this column feeds. Defaults to the column name.'),
    task: z
      .enum(['binary', 'multiclass', 'regression'])
      .describe('binary: [1] float32 0/1; multiclass: one-hot [classes] float32; regression: [1] float32 as is.'),
    positive: z.string().optional().describe('binary: the value that means 1. Defaults to the second of the two sorted training values.'),
    classes: z.array(z.string()).optional().describe('binary / multiclass: the class order. Defaults to the sorted training values.'),
  })
  .describe('Label column.');

export const ColumnSchema = z.discriminatedUnion('type', [
  NumericColumnSchema,
  CategoricalColumnSchema,
  TextColumnSchema,
  ImageColumnSchema,
  TimeColumnSchema,
  LabelColumnSchema,
]);

export const TableSchemaSchema = z
  .object({
    columns: z
      .record(z.string(), ColumnSchema)
      .refine((columns) => Object.keys(columns).length > 0, 'expected at least one column')
      .describe('Columns to parse, by header name; other columns are kept as raw strings (ids, groups) and feed nothing.'),
    columnNames: z
      .array(z.string())
      .optional()
      .describe('Names of the columns, in order, when the file has no header line. Defaults to reading the header line.'),
    delimiter: z.string().min(1).default(',').describe("Field delimiter. Defaults to ','."),
    quote: z.boolean().default(true).describe('Honour double quotes (RFC 4180); false reads quotes as text. Defaults to true.'),
    missingMarkers: z.array(z.string()).default(['', '?']).describe("Cell texts (after trimming) that mean 'missing'. Defaults to ['', '?']."),
  })
  .describe('How to read a CSV file and what each column means.');

export type NumericColumn = z.output<typeof NumericColumnSchema>;
export type CategoricalColumn = z.output<typeof CategoricalColumnSchema>;
export type TokenizerConfig = z.output<typeof TokenizerConfigSchema>;
export type Lexicon = z.output<typeof LexiconSchema>;
export type TextColumn = z.output<typeof TextColumnSchema>;
export type ImageFit = z.output<typeof ImageFitSchema>;
export type ImageColumn = z.output<typeof ImageColumnSchema>;
export type TimeColumn = z.output<typeof TimeColumnSchema>;
export type LabelColumn = z.output<typeof LabelColumnSchema>;
export type Column = z.output<typeof ColumnSchema>;
export type ColumnType = Column['type'];
/** A table schema as the user writes it (defaults may be left out). */
export type TableSchemaInput = z.input<typeof TableSchemaSchema>;
/** A validated table schema with every default filled in. */
export type TableSchema = z.output<typeof TableSchemaSchema>;

/** Validates a schema once, at the edge; every problem names its path. */
export function parseTableSchema(input: unknown, source = 'table schema'): TableSchema {
  return parseWith(TableSchemaSchema, input, source);
}
