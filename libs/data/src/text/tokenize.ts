import * as natural from 'natural';
import { TokenizerConfig, TokenizerConfigSchema } from '../tabular/table-schema';

/** Tokens the tweet tokeniser writes in place of URLs and user mentions (the StockNet convention). */
export const URL_TOKEN = 'URL';
export const USER_TOKEN = 'AT_USER';

// Words keep inner apostrophes ("don't") and any script's letters, unlike natural's ASCII WordTokenizer.
const WORD = String.raw`[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*`;
const URL = String.raw`https?:\/\/\S+|www\.\S+`;
const USER = String.raw`@\w+`;
const TAG = String.raw`[#$][\p{L}\p{N}_]+(?:\.[A-Za-z]+)?`;
const EMOTICON = String.raw`[:;=8][-o*']?[)\](\[dDpP/\\|]|[)\](\[dDpP/\\|][-o*']?[:;=8]|<3`;
const wordTokenizer = new natural.RegexpTokenizer({ pattern: new RegExp(WORD, 'gu'), gaps: false });
const tweetTokenizer = new natural.RegexpTokenizer({ pattern: new RegExp(`${URL}|${USER}|${TAG}|${EMOTICON}|${WORD}|[!?]`, 'gu'), gaps: false });
const stopWords = new Set(natural.stopwords);

function tweetToken(token: string): string {
  if (/^(https?:\/\/|www\.)/.test(token)) return URL_TOKEN;
  return token.startsWith('@') ? USER_TOKEN : token;
}

/** A function from text to tokens, as a column's tokenizer settings say (also used at serving time). */
export type Tokenize = (text: string) => string[];

export function createTokenizer(configInput: Partial<TokenizerConfig> = {}): Tokenize {
  const config = TokenizerConfigSchema.parse(configInput);
  return (text) => {
    const raw = (config.tokenizer === 'tweet' ? tweetTokenizer : wordTokenizer).tokenize(text) ?? [];
    const tokens: string[] = [];
    for (const found of raw) {
      const token = config.tokenizer === 'tweet' ? tweetToken(found) : found;
      if (token === URL_TOKEN || token === USER_TOKEN) {
        tokens.push(token);
        continue;
      }
      const word = config.lowercase ? token.toLowerCase() : token;
      if (config.stopWords && stopWords.has(word.toLowerCase())) continue;
      tokens.push(config.stem ? natural.PorterStemmer.stem(word) : word);
    }
    return tokens;
  };
}
