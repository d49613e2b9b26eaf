import { describeZodIssues } from '@mimo/core/internal';
import { SeriesNormalizer } from '@mimo/data';
import { z } from 'zod';
import { TweetGrid, TweetGridSchema } from './tweet-grid';

/** What a finance bundle saves as preprocessing.json: enough to rebuild windows for evaluate and predict. */
export const FinancePreprocessingSchema = z.object({
  lookback: z.number().int().positive().describe('Days of prices in each window.'),
  newsDays: z.number().int().positive().describe('Days of news vectors in the news input (the window’s last days).'),
  direction: z.enum(['sign', 'stocknet']).describe('How the direction label was made.'),
  trainEnd: z.string().describe('First target day of validation (YYYY-MM-DD).'),
  valEnd: z.string().describe('First target day of the test period (YYYY-MM-DD).'),
  news: z.string().nullable().describe('The --news file the run read, or null (no news: empty vectors, has_news 0).'),
  trainUpShare: z.number().describe('Share of up days in the training split (the majority-class baseline).'),
  prices: z.unknown().describe('SeriesNormalizer state of the price features, fitted on the training windows.'),
  newsVector: z.unknown().describe('SeriesNormalizer state of the news features, fitted on the training windows.'),
  tweets: TweetGridSchema.optional().describe('StockNet with the tweets input: its vocabulary and grid size (absent when the run did not read the tweets themselves).'),
});
export type FinancePreprocessingState = z.infer<typeof FinancePreprocessingSchema>;

/** A restored state and its normalisers. */
export interface FinancePreprocessing {
  state: FinancePreprocessingState;
  prices: SeriesNormalizer;
  news: SeriesNormalizer;
  tweets?: TweetGrid;
}

export function restorePreprocessing(saved: unknown): FinancePreprocessing {
  const parsed = FinancePreprocessingSchema.safeParse(saved);
  if (!parsed.success) throw new Error(`preprocessing.json: not a finance bundle's preprocessing (${describeZodIssues(parsed.error).join(' ')})`);
  const { data } = parsed;
  return {
    state: data,
    prices: SeriesNormalizer.fromJSON(data.prices),
    news: SeriesNormalizer.fromJSON(data.newsVector),
    ...(data.tweets ? { tweets: new TweetGrid(data.tweets) } : {}),
  };
}
