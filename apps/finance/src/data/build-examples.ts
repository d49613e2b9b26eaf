import { slidingWindows, stockNetMovement } from '@mimo/data';
import { NEWS_FEATURES } from './news-sentiment';
import { priceFeatures, returnPct } from './price-features';
import { PriceRow } from './price-rows';

/** One ticker's trading days with each day's news vector (`news[t]` belongs to `rows[t]`) and, for StockNet, its tweets. */
export interface TickerSeries {
  ticker: string;
  rows: PriceRow[];
  news: number[][];
  /** `texts[t]`: the tweets of `rows[t]`, each a token list (when the run reads the tweets themselves). */
  texts?: string[][][];
}

/** How the direction label is made: `sign` (up = return > 0) or StockNet's thresholds (in-between days dropped). */
export type DirectionRule = 'sign' | 'stocknet';

/** One example: the window ends on `day` (its last input day); the targets are the return from `day` to `targetDay`. */
export interface FinanceExample {
  ticker: string;
  day: string;
  targetDay: string;
  /** `[lookback][price features]`, raw (not normalised). */
  window: number[][];
  /** `[news days][news features]`, raw, the last day last. */
  news: number[][];
  /** `[news days][tweets][tokens]`, the same days' tweets (an empty list for a padding day), when the series has them. */
  texts?: string[][][];
  /** Next-day return in percent (the regression target). */
  nextReturn: number;
  /** The window's last day's own return in percent (the "yesterday's return" baseline). */
  lastReturn: number;
  direction: 0 | 1;
}

export interface ExampleOptions {
  lookback: number;
  newsDays: number;
  direction: DirectionRule;
  /** Keep only examples whose target day lies in [from, to) (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

/** Label of a return in percent, or null when the rule drops the day. */
export function directionLabel(nextReturn: number, rule: DirectionRule): 0 | 1 | null {
  return rule === 'stocknet' ? stockNetMovement(nextReturn / 100) : nextReturn > 0 ? 1 : 0;
}

/**
 * Sliding windows over one ticker: inputs are days [start, end) (day 0 has no previous close, so windows start
 * at day 1), the targets the return into day `end`. Nothing at or after the target day enters the inputs.
 */
export function buildExamples(series: TickerSeries, options: ExampleOptions): FinanceExample[] {
  const { rows, news } = series;
  const examples: FinanceExample[] = [];
  for (const w of slidingWindows(1, rows.length, { lookback: options.lookback, horizon: 1 })) {
    const targetDay = rows[w.target].day;
    if ((options.from && targetDay < options.from) || (options.to && targetDay >= options.to)) continue;
    const nextReturn = returnPct(rows, w.target);
    const direction = directionLabel(nextReturn, options.direction);
    if (direction === null) continue;
    const newsFrom = Math.max(0, w.end - options.newsDays);
    const padding = Array.from({ length: options.newsDays - (w.end - newsFrom) }, () => NEWS_FEATURES.map(() => 0));
    examples.push({
      ticker: series.ticker,
      day: rows[w.end - 1].day,
      targetDay,
      window: Array.from({ length: options.lookback }, (_, k) => priceFeatures(rows, w.start + k)),
      news: [...padding, ...news.slice(newsFrom, w.end)],
      ...(series.texts ? { texts: [...padding.map(() => []), ...series.texts.slice(newsFrom, w.end)] } : {}),
      nextReturn,
      lastReturn: returnPct(rows, w.end - 1),
      direction,
    });
  }
  return examples;
}
