import { createTokenizer, lexiconFeatures } from '@mimo/data';

/** What each trading day's news vector holds, in order. */
export const NEWS_FEATURES = ['has_news', 'log_count', 'mean_score', 'min_score', 'max_score', 'positive_share', 'negative_share'] as const;

const tokenize = createTokenizer({ tokenizer: 'tweet', lowercase: true });

/** Finance-lexicon score of one text (AFINN-165 financial market news list: sum of the matched words' scores). */
export function scoreTokens(tokens: readonly string[]): number {
  return lexiconFeatures(tokens, 'afinn-financial')[0];
}

export function scoreText(text: string): number {
  return scoreTokens(tokenize(text));
}

/** A raw tweet as StockNet's preprocessed tokens: lower case, URL / AT_USER, a cashtag as '$' then its name. */
export function tweetTokens(text: string): string[] {
  return tokenize(text).flatMap((token) => (token.length > 1 && token.startsWith('$') ? ['$', token.slice(1)] : [token]));
}

/** The scores of one day's items → its news vector (all zeros, `has_news` 0, for a day without news). */
export function dayNewsVector(scores: readonly number[]): number[] {
  if (scores.length === 0) return NEWS_FEATURES.map(() => 0);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const share = (keep: (s: number) => boolean) => scores.filter(keep).length / scores.length;
  return [1, Math.log1p(scores.length), mean, Math.min(...scores), Math.max(...scores), share((s) => s > 0), share((s) => s < 0)];
}

/**
 * Items by calendar day → the items of each trading day: a trading day collects the items dated after the
 * previous trading day up to and including itself (weekend news counts towards Monday), never later ones.
 */
export function byTradingDay<T>(tradingDays: readonly string[], itemsByDay: ReadonlyMap<string, readonly T[]>): T[][] {
  const days = [...itemsByDay.keys()].sort();
  let k = 0;
  return tradingDays.map((day, i) => {
    const items: T[] = [];
    while (k < days.length && days[k] <= day) {
      if (i > 0 || days[k] === day) items.push(...(itemsByDay.get(days[k]) ?? []));
      k++;
    }
    return items;
  });
}

/** Scores by calendar day → one news vector per trading day (`byTradingDay`'s grouping). */
export function newsByTradingDay(tradingDays: readonly string[], scoresByDay: ReadonlyMap<string, number[]>): number[][] {
  return byTradingDay(tradingDays, scoresByDay).map(dayNewsVector);
}
