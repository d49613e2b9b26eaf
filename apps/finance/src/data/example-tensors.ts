import * as tf from '@tensorflow/tfjs';
import { TrainingData } from '@mimo/core';
import { FinanceExample } from './build-examples';
import { FinancePreprocessing } from './finance-preprocessing';

/**
 * Inputs `prices` [n, lookback, features] and `news` [n, newsDays × features], normalised with the saved
 * statistics, and with a tweet vocabulary `tweets` [n, newsDays, tweets, words] token ids.
 */
export function exampleInputs(examples: readonly Pick<FinanceExample, 'window' | 'news' | 'texts'>[], pre: FinancePreprocessing): Record<string, tf.Tensor> {
  const { lookback, newsDays } = pre.state;
  const priceFeatures = pre.prices.state.mean.length;
  const newsFeatures = pre.news.state.mean.length;
  const prices = examples.flatMap((e) => e.window.flatMap((step) => pre.prices.apply(step)));
  const news = examples.flatMap((e) => e.news.flatMap((day) => pre.news.apply(day)));
  return {
    prices: tf.tensor3d(prices, [examples.length, lookback, priceFeatures], 'float32'),
    news: tf.tensor2d(news, [examples.length, newsDays * newsFeatures], 'float32'),
    ...(pre.tweets
      ? { tweets: tf.tensor4d(pre.tweets.encode(examples.map((e) => e.texts), newsDays), [examples.length, newsDays, pre.tweets.state.texts, pre.tweets.state.words], 'int32') }
      : {}),
  };
}

/** Inputs plus heads `next_return` (percent) and `direction` (1 up). */
export function exampleTensors(examples: readonly FinanceExample[], pre: FinancePreprocessing): TrainingData {
  return {
    xs: exampleInputs(examples, pre),
    ys: {
      next_return: tf.tensor2d(examples.map((e) => e.nextReturn), [examples.length, 1], 'float32'),
      direction: tf.tensor2d(examples.map((e) => e.direction), [examples.length, 1], 'float32'),
    },
  };
}
