import { PriceRow } from './price-rows';

/** What each day of the price window holds (all from that day's and the previous day's rows), in order. */
export const PRICE_FEATURES = ['log_return_pct', 'range_pct', 'body_pct', 'gap_pct', 'log_volume_change'] as const;

/**
 * Day `t`'s price features (t ≥ 1): close-to-close log return, high-low range, open-to-close body and the
 * overnight gap (all in percent), and the log change of volume (+1, so a zero volume stays finite).
 */
export function priceFeatures(rows: readonly PriceRow[], t: number): number[] {
  const [today, before] = [rows[t], rows[t - 1]];
  const pct = (a: number, b: number) => 100 * Math.log(a / b);
  return [pct(today.adjClose, before.adjClose), pct(today.high, today.low), pct(today.close, today.open), pct(today.open, before.close), Math.log((today.volume + 1) / (before.volume + 1))];
}

/** Simple return from day t−1 to day t, in percent (what the heads predict for the next day). */
export function returnPct(rows: readonly PriceRow[], t: number): number {
  return 100 * (rows[t].adjClose / rows[t - 1].adjClose - 1);
}
