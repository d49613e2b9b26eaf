import { preparedInput, SpecOptions } from '@mimo/app-kit';
import { ModelSpecInput, referenceSpec } from '@mimo/core';

/** The app's reference spec, as `mimo finance spec` shows it (price window LSTM + sentiment → next return). */
export const financeSpec = referenceSpec('finance_prices_sentiment');

/** `--encoder`: the time-series layer over the price window. */
export const ENCODERS = ['lstm', 'conv1d'] as const;
export type FinanceEncoder = (typeof ENCODERS)[number];

/** Loss weights of the two heads: return MSE 1.0, direction BCE 0.5. */
export const LOSS_WEIGHTS = { next_return: 1, direction: 0.5 };

const SPEC_NAMES: Record<string, string> = { 'S&P 500': 'sp500', StockNet: 'stocknet', 'prices file': 'prices' };

/**
 * Price window → LSTM or Conv1D (32 units; tiny 8), news vector → Dense 16, StockNet's tweets (when read) →
 * hierarchical attention over each day's tweets and over the days (32 units; tiny 8), concat + Dense 32 (dropout
 * 0.2; `--fusion gated`: gated fusion, a learnt per-example weighting of the inputs) →
 * `next_return` (regression, percent, MSE, weight 1) and `direction` (binary, BCE, weight 0.5).
 */
export function createFinanceSpec({ data, fusion }: SpecOptions, encoder: FinanceEncoder): ModelSpecInput {
  const prices = preparedInput(data, 'prices', 'sequence');
  const news = preparedInput(data, 'news', 'numeric');
  // Tiny runs (5-day windows) get a tiny encoder.
  const units = prices.steps !== null && prices.steps < 10 ? 8 : 32;
  return {
    name: `${SPEC_NAMES[data.card.name] ?? 'prices'}_${encoder}`,
    description: `Price / volume window (${encoder}) + news sentiment${data.inputs.tweets ? ' + tweets (hierarchical attention)' : ''} → next-day return and direction`,
    inputs: {
      prices: { ...prices, encoder: { type: 'time-series', layer: encoder, units: [units] } },
      news: { ...news, encoder: { type: 'dense', units: [16] } },
      ...(data.inputs.tweets ? { tweets: { ...preparedInput(data, 'tweets', 'token-groups'), encoder: { type: 'hierarchical-text' as const, embeddingDim: units, units } } } : {}),
    },
    fusion: fusion === 'gated' ? { type: 'gated', units: [32] } : { type: 'concat', units: [32], dropout: 0.2 },
    heads: {
      next_return: { type: 'regression', lossWeight: LOSS_WEIGHTS.next_return },
      direction: { type: 'binary', lossWeight: LOSS_WEIGHTS.direction },
    },
    optimizer: { type: 'adam', learningRate: 0.001 },
  };
}
