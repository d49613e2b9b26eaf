import { DataCard, HeadBaselines, PreparedData, PrepareOptions } from '@mimo/app-kit';
import { SeriesNormalizer } from '@mimo/data';
import { buildExamples, FinanceExample } from './build-examples';
import { exampleTensors } from './example-tensors';
import { FinancePreprocessing, FinancePreprocessingState, restorePreprocessing } from './finance-preprocessing';
import { loadSeries } from './load-series';
import { STOCKNET_PERIOD, STOCKNET_SPLIT, TweetSize } from './load-stocknet';
import { NEWS_FEATURES } from './news-sentiment';
import { PRICE_FEATURES } from './price-features';
import { resolveFinanceData } from './resolve-data';
import { quantileSplit, SP500_SPLIT, splitByTime } from './split-plan';
import { fitTweetVocabulary, TweetGrid, TWEETS_PER_DAY, WORDS_PER_TWEET } from './tweet-grid';

/** Days of prices per window, and of news vectors in the news input (tiny: 5 and 3). */
export const LOOKBACK = { full: 20, tiny: 5 };
export const NEWS_DAYS = { full: 5, tiny: 3 };

export interface FinanceOptions extends PrepareOptions {
  /** `--news FILE` (train only; evaluate reads it back from the bundle's preprocessing). */
  news?: string;
}

/** The examples of each split, raw (for baselines and reports), with the preprocessing that turns them into tensors. */
export interface FinanceDataset {
  card: DataCard;
  splits: Record<'train' | 'val' | 'test', FinanceExample[]>;
  preprocessing: FinancePreprocessing;
}

type FittedFields = 'prices' | 'newsVector' | 'trainUpShare' | 'tweets';

function fit(train: FinanceExample[], base: Omit<FinancePreprocessingState, FittedFields>, tweetSize: TweetSize): FinancePreprocessing {
  const prices = SeriesNormalizer.fit(train.flatMap((e) => e.window));
  const news = SeriesNormalizer.fit(train.flatMap((e) => e.news));
  const trainUpShare = train.filter((e) => e.direction === 1).length / train.length;
  // Each trading day once (overlapping windows share its list), only days the training windows read.
  const tweets = tweetSize ? new TweetGrid({ ...tweetSize, vocabulary: fitTweetVocabulary(new Set(train.flatMap((e) => e.texts ?? []))) }) : undefined;
  return {
    state: { ...base, trainUpShare, prices: prices.toJSON(), newsVector: news.toJSON(), ...(tweets ? { tweets: tweets.state } : {}) },
    prices,
    news,
    ...(tweets ? { tweets } : {}),
  };
}

/**
 * Loads the data (default S&P 500, StockNet or a prices file + optional news), makes windowed examples,
 * splits them by target day (never shuffled across time) and fits the normalisers on the training windows only
 * — or restores a bundle's preprocessing (same window, split dates and statistics) and fits nothing.
 */
export async function loadFinanceDataset(options: FinanceOptions): Promise<FinanceDataset> {
  const restored = options.preprocessing === undefined ? undefined : restorePreprocessing(options.preprocessing);
  const source = resolveFinanceData(options.data);
  const news = restored ? restored.state.news : (options.news ?? null);
  const size = options.tiny ? 'tiny' : 'full';
  // StockNet's tweets as tokens: for a bundle that read them, or a run whose --inputs include `tweets`.
  const readsTweets = source.kind === 'stocknet' && (restored ? restored.state.tweets !== undefined : (options.inputs ?? ['tweets']).includes('tweets'));
  const tweetSize = !readsTweets ? null : (restored?.state.tweets ?? { texts: TWEETS_PER_DAY[size], words: WORDS_PER_TWEET[size] });
  const { series, card } = await loadSeries(source, news, options.tiny ?? false, tweetSize && { texts: tweetSize.texts, words: tweetSize.words });
  if (!restored && !news && source.kind !== 'stocknet') {
    process.stderr.write('finance: no --news file: the news input is an empty vector (has_news = 0) on every day; no headlines are made up\n');
  }
  const lookback = restored?.state.lookback ?? LOOKBACK[size];
  const newsDays = restored?.state.newsDays ?? NEWS_DAYS[size];
  const direction = source.kind === 'stocknet' ? 'stocknet' : 'sign';
  const period = source.kind === 'stocknet' ? STOCKNET_PERIOD : {};
  const examples = series.flatMap((s) => buildExamples(s, { lookback, newsDays, direction, ...period }));
  if (examples.length === 0) throw new Error(`${card.source}: no ${lookback}-day windows with a next day (each ticker needs at least ${lookback + 2} days of prices)`);
  const plan = restored?.state ?? (source.kind === 'stocknet' ? STOCKNET_SPLIT : source.kind === 'sp500' && !options.tiny ? SP500_SPLIT : quantileSplit(examples));
  const splits = splitByTime(examples, plan);
  const preprocessing = restored ?? fit(splits.train, { lookback, newsDays, direction, trainEnd: plan.trainEnd, valEnd: plan.valEnd, news }, tweetSize);
  return { card, splits, preprocessing };
}

/** The plugin's `prepare`: the dataset as tensors, inputs `prices` + `news` (+ StockNet's `tweets`), heads `next_return` + `direction`. */
export async function prepareFinance(options: FinanceOptions): Promise<PreparedData> {
  const { card, splits, preprocessing } = await loadFinanceDataset(options);
  const { lookback, newsDays } = preprocessing.state;
  return {
    card,
    train: exampleTensors(splits.train, preprocessing),
    val: exampleTensors(splits.val, preprocessing),
    test: exampleTensors(splits.test, preprocessing),
    inputs: {
      prices: { kind: 'sequence', steps: lookback, features: PRICE_FEATURES.length },
      news: { kind: 'numeric', size: newsDays * NEWS_FEATURES.length },
      ...(preprocessing.tweets
        ? { tweets: { kind: 'token-groups', vocabSize: preprocessing.tweets.vocabSize, groups: newsDays, texts: preprocessing.tweets.state.texts, maxLength: preprocessing.tweets.state.words } }
        : {}),
    },
    heads: { next_return: { type: 'regression' }, direction: { type: 'binary' } },
    classes: { direction: ['down', 'up'] },
    baselines: { train: naiveBaselines(splits.train), val: naiveBaselines(splits.val), test: naiveBaselines(splits.test) },
    preprocessing: preprocessing.state,
  };
}

/**
 * The finance baselines beside the kit's (training mean, majority class): a zero return, and yesterday's return
 * (the window's last day) with its sign as the direction.
 */
function naiveBaselines(examples: readonly FinanceExample[]): Record<string, HeadBaselines> {
  return {
    next_return: { 'zero return': examples.map(() => [0]), "yesterday's return": examples.map((e) => [e.lastReturn]) },
    direction: { "yesterday's direction": examples.map((e) => [e.lastReturn > 0 ? 1 : 0]) },
  };
}
