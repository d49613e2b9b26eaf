import { z } from 'zod';

export const WindowConfigSchema = z.object({
  lookback: z.number().int().positive().describe('Steps each window reads.'),
  horizon: z.number().int().positive().default(1).describe('How many steps after the window the target lies (1 = the next step). Defaults to 1.'),
  stride: z.number().int().positive().default(1).describe('Steps between the starts of consecutive windows. Defaults to 1.'),
});
export type WindowConfig = z.input<typeof WindowConfigSchema>;

/** One window: inputs are steps `[start, end)`, the target is step `target` (= end + horizon − 1). */
export interface Window {
  start: number;
  end: number;
  target: number;
}

/**
 * Every window whose inputs and target all lie in `[from, to)`: a window never reaches across the edge of
 * its segment, so one cut at a split boundary gives windows with no look-ahead.
 */
export function slidingWindows(from: number, to: number, config: WindowConfig): Window[] {
  const { lookback, horizon, stride } = WindowConfigSchema.parse(config);
  const windows: Window[] = [];
  for (let start = from; start + lookback + horizon - 1 < to; start += stride) {
    windows.push({ start, end: start + lookback, target: start + lookback + horizon - 1 });
  }
  return windows;
}
