import { TickerSeries } from './build-examples';
import { dayNewsVector, newsByTradingDay, scoreText } from './news-sentiment';
import { PriceRow } from './price-rows';
import { readNewsFile } from './read-news-file';

/**
 * Prices per ticker + an optional news file → series with per-trading-day news vectors. An item without a
 * ticker counts for every ticker. Without a news file every day's vector is empty (`has_news` 0): nothing is invented.
 */
export async function attachNews(prices: Map<string, PriceRow[]>, newsFile: string | null): Promise<TickerSeries[]> {
  const items = newsFile ? await readNewsFile(newsFile, new Set(prices.keys())) : [];
  return [...prices].map(([ticker, rows]) => {
    const scores = new Map<string, number[]>();
    for (const item of items) {
      if (item.ticker !== undefined && item.ticker !== ticker) continue;
      scores.set(item.day, [...(scores.get(item.day) ?? []), scoreText(item.text)]);
    }
    return { ticker, rows, news: newsFile ? newsByTradingDay(rows.map((r) => r.day), scores) : rows.map(() => dayNewsVector([])) };
  });
}
