/** Id of padding: the text encoder's Embedding(mask_zero) ignores it. */
export const PAD_ID = 0;
/** Id of every token the vocabulary does not know. */
export const OOV_ID = 1;
const FIRST_TOKEN_ID = 2;

export interface VocabularyOptions {
  /** Tokens seen fewer times are left out (they become OOV). Defaults to 1. */
  minCount?: number;
  /** Size including PAD and OOV; the most frequent tokens are kept (ties: alphabetical). Defaults to 20000. */
  maxSize?: number;
}

export interface EncodeOptions {
  /** Ids per text: shorter texts are padded with PAD_ID, longer ones truncated. */
  maxLength: number;
  /** Where the padding goes. Defaults to 'post'. */
  padding?: 'post' | 'pre';
  /** Which end of a long text is cut. Defaults to 'post'. */
  truncation?: 'post' | 'pre';
}

/** Token ↔ id map fitted on training texts: 0 = PAD, 1 = OOV, 2… = tokens by falling frequency. */
export class Vocabulary {
  private readonly ids: Map<string, number>;

  constructor(readonly tokens: readonly string[]) {
    this.ids = new Map(tokens.map((token, i) => [token, i + FIRST_TOKEN_ID]));
  }

  static fit(texts: Iterable<readonly string[]>, options: VocabularyOptions = {}): Vocabulary {
    const minCount = options.minCount ?? 1;
    const maxSize = options.maxSize ?? 20000;
    if (maxSize < FIRST_TOKEN_ID) throw new Error(`maxSize must leave room for PAD and OOV: expected at least 2, received ${maxSize}`);
    const counts = new Map<string, number>();
    for (const tokens of texts) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    const kept = [...counts]
      .filter(([, count]) => count >= minCount)
      .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, maxSize - FIRST_TOKEN_ID)
      .map(([token]) => token);
    return new Vocabulary(kept);
  }

  /** Number of ids, PAD and OOV included: the `vocabSize` of a tokens input. */
  get size(): number {
    return this.tokens.length + FIRST_TOKEN_ID;
  }

  idOf(token: string): number {
    return this.ids.get(token) ?? OOV_ID;
  }

  /** Ids of one text, padded / truncated to `maxLength`. */
  encode(tokens: readonly string[], options: EncodeOptions): Int32Array {
    const { maxLength } = options;
    const kept = tokens.length <= maxLength ? tokens : options.truncation === 'pre' ? tokens.slice(tokens.length - maxLength) : tokens.slice(0, maxLength);
    const out = new Int32Array(maxLength);
    const start = options.padding === 'pre' ? maxLength - kept.length : 0;
    kept.forEach((token, i) => (out[start + i] = this.idOf(token)));
    return out;
  }
}

/** 1 where an id is a real token, 0 where it is padding: the mask of a variable-length text. */
export function paddingMask(ids: ArrayLike<number>): Float32Array {
  return Float32Array.from(ids, (id) => (id === PAD_ID ? 0 : 1));
}
