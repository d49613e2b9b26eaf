/**
 * One field of the records a model's `predict` and `:predict` take: what `mimo <app> spec --model DIR` lists
 * and the model's metadata carries, so nobody has to read preprocessing.json to write a record.
 */
export interface RecordField {
  name: string;
  /** `number`, `category`, `text`, `image` (a file path for `predict`, base64 over HTTP), or an app's own kind. */
  kind: string;
  /** False when a record may leave it out (it is imputed, or read as empty). */
  required: boolean;
  /** A value that works, taken from the training data where there is one (its mean, its most frequent category). */
  example: unknown;
  /** What else to know: the values a category takes, a unit, a range. */
  note?: string;
  /** The values a category takes (its fitted categories), for a form's choices. */
  choices?: string[];
}
