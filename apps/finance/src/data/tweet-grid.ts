import { z } from 'zod';

/** Tweets kept per trading day and tokens per tweet in the tweets input (tiny: 4 and 8). */
export const TWEETS_PER_DAY = { full: 10, tiny: 4 };
export const WORDS_PER_TWEET = { full: 20, tiny: 8 };
/** Words seen fewer times than this in the training period are out of vocabulary; at most MAX_VOCABULARY words. */
const MIN_COUNT = 3;
const MAX_VOCABULARY = 10000;
/** Id 1: out of vocabulary (0 is padding). */
const OOV = 1;

export const TweetGridSchema = z.object({
  vocabulary: z.array(z.string()).describe('Words by id − 2 (0 is padding, 1 out of vocabulary), fitted on the training period.'),
  texts: z.number().int().positive().describe('Tweets per day (the day\'s last ones).'),
  words: z.number().int().positive().describe('Tokens per tweet (its first ones).'),
});
export type TweetGridState = z.infer<typeof TweetGridSchema>;

/** The most recent `texts` tweets of a day, each cut to its first `words` tokens. */
export function keepTweets(tweets: readonly (readonly string[])[], size: { texts: number; words: number }): string[][] {
  return tweets.slice(-size.texts).map((tokens) => tokens.slice(0, size.words));
}

/** The words of the given days' tweets seen at least MIN_COUNT times, most frequent first (ties by word). */
export function fitTweetVocabulary(days: Iterable<readonly (readonly string[])[]>): string[] {
  const counts = new Map<string, number>();
  for (const day of days) for (const tweet of day) for (const word of tweet) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count >= MIN_COUNT)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_VOCABULARY)
    .map(([word]) => word);
}

/** The fitted vocabulary, turning examples' days of tweets into the tweets input's token ids. */
export class TweetGrid {
  private readonly ids: Map<string, number>;

  constructor(readonly state: TweetGridState) {
    this.ids = new Map(state.vocabulary.map((word, i) => [word, i + 2]));
  }

  get vocabSize(): number {
    return this.state.vocabulary.length + 2;
  }

  /**
   * The examples' ids, `[examples, days, texts, words]` flat: `days` days per example (a missing one is padding),
   * a day's last `texts` tweets, each tweet's first `words` tokens, 0 where a word, tweet or day is missing.
   */
  encode(examples: readonly (readonly (readonly (readonly string[])[])[] | undefined)[], days: number): Int32Array {
    const { texts, words } = this.state;
    const out = new Int32Array(examples.length * days * texts * words);
    examples.forEach((example, e) => {
      for (let d = 0; d < days; d++) {
        keepTweets(example?.[d] ?? [], this.state).forEach((tweet, t) => {
          const at = ((e * days + d) * texts + t) * words;
          for (let w = 0; w < tweet.length; w++) out[at + w] = this.ids.get(tweet[w]) ?? OOV;
        });
      }
    });
    return out;
  }
}
