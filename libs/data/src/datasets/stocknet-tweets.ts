import { promises as fs } from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { DataError } from '../errors/data-error';
import { Lexicon } from '../tabular/table-schema';
import { lexiconFeatures } from '../text/lexicon-features';
import { datasetPath } from './datasets-dir';
import { checkTicker } from './stocknet-prices';

/** One preprocessed StockNet tweet. */
export interface StockNetTweet {
  ticker: string;
  /** The day file it is in, YYYY-MM-DD. */
  day: string;
  /** Lower-cased tokens; URLs are 'URL' and mentions 'AT_USER'. */
  tokens: string[];
  createdAt: string;
  userId: string;
}

const TweetLineSchema = z.object({
  text: z.array(z.string()).describe('Tokens of the tweet.'),
  created_at: z.string().describe("Twitter's creation time, e.g. 'Wed Jan 01 03:59:03 +0000 2014'."),
  user_id_str: z.string().describe('Author id.'),
});
const EXPECTED_TWEET = 'a JSON object with text (a token list), created_at and user_id_str';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Parses one line of a tweet-day file; a broken line is a DataError naming file and line. */
export function parseTweetLine(line: string, file: string, lineNumber: number): Omit<StockNetTweet, 'ticker' | 'day'> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new DataError({ file, line: lineNumber }, `expected ${EXPECTED_TWEET}, received invalid JSON (${(error as Error).message})`);
  }
  const parsed = TweetLineSchema.safeParse(value);
  if (!parsed.success) throw DataError.expected({ file, line: lineNumber }, EXPECTED_TWEET, line);
  return { tokens: parsed.data.text, createdAt: parsed.data.created_at, userId: parsed.data.user_id_str };
}

function tweetFolder(ticker: string, dir?: string): string {
  return path.join(datasetPath('stocknet', dir), 'tweet', 'preprocessed', checkTicker(ticker));
}

/** The days (YYYY-MM-DD) that have a tweet file for a ticker, sorted; none for a ticker without tweets. */
export async function stockNetTweetDays(ticker: string, options: { dir?: string } = {}): Promise<string[]> {
  const files = await fs.readdir(tweetFolder(ticker, options.dir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return files.filter((file) => DAY.test(file)).sort();
}

export interface TweetReadOptions {
  dir?: string;
  /** First day to read (YYYY-MM-DD, inclusive). Defaults to the first day. */
  from?: string;
  /** Day to stop before (YYYY-MM-DD, exclusive). Defaults to after the last day. */
  to?: string;
}

/** Streams a ticker's tweets day by day (one day file in memory at a time), oldest day first. */
export async function* readStockNetTweets(ticker: string, options: TweetReadOptions = {}): AsyncGenerator<StockNetTweet> {
  const folder = tweetFolder(ticker, options.dir);
  for (const day of await stockNetTweetDays(ticker, options)) {
    if ((options.from && day < options.from) || (options.to && day >= options.to)) continue;
    const file = path.join(folder, day);
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim() !== '') yield { ticker, day, ...parseTweetLine(lines[i], file, i + 1) };
    }
  }
}

/** Per day: [tweets, then the lexicon features (sum, mean, positive, negative) of all the day's tokens]. */
export async function dailyTweetSentiment(ticker: string, options: TweetReadOptions & { lexicon?: Lexicon } = {}): Promise<Map<string, number[]>> {
  const days = new Map<string, { tweets: number; tokens: string[] }>();
  for await (const tweet of readStockNetTweets(ticker, options)) {
    const day = days.get(tweet.day) ?? { tweets: 0, tokens: [] };
    day.tweets++;
    day.tokens.push(...tweet.tokens);
    days.set(tweet.day, day);
  }
  return new Map([...days].map(([day, { tweets, tokens }]) => [day, [tweets, ...lexiconFeatures(tokens, options.lexicon ?? 'afinn-financial')]]));
}
