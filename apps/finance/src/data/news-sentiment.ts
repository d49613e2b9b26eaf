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

/** The scores of one day's items → its news vector (all zeros, `has_news` 0, for a day without news). */
export function dayNewsVector(scores: readonly number[]): number[] {
  if (scores.length === 0) return NEWS_FEATURES.map(() => 0);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const share = (keep: (s: number) => boolean) => scores.filter(keep).length / scores.length;
  return [1, Math.log1p(scores.length), mean, Math.min(...scores), Math.max(...scores), share((s) => s > 0), share((s) => s < 0)];
}

/**
 * Scores by calendar day → one news vector per trading day: a trading day collects the news dated after the
 * previous trading day up to and including itself (weekend news counts towards Monday), never later news.
 */
export function newsByTradingDay(tradingDays: readonly string[], scoresByDay: ReadonlyMap<string, number[]>): number[][] {
  const days = [...scoresByDay.keys()].sort();
  let k = 0;
  return tradingDays.map((day, i) => {
    const scores: number[] = [];
    while (k < days.length && days[k] <= day) {
      if (i > 0 || days[k] === day) scores.push(...(scoresByDay.get(days[k]) ?? []));
      k++;
    }
    return dayNewsVector(scores);
  });
}
