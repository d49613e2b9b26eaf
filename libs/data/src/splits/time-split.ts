import { SplitIndices } from './split-fractions';

export interface TimeSplitOptions {
  /** First instant of validation: training is everything before it (epoch ms or ISO 8601). */
  trainEnd: number | string;
  /** First instant of the test period (epoch ms or ISO 8601). */
  valEnd: number | string;
}

function instant(value: number | string, name: string): number {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`timeSplit: expected ${name} as epoch ms or an ISO 8601 date, received ${JSON.stringify(value)}`);
  return ms;
}

/** By time: train before `trainEnd`, val until `valEnd`, test after; training never sees the future. */
export function timeSplit(times: readonly number[], options: TimeSplitOptions): SplitIndices {
  const trainEnd = instant(options.trainEnd, 'trainEnd');
  const valEnd = instant(options.valEnd, 'valEnd');
  if (valEnd < trainEnd) throw new Error(`timeSplit: expected trainEnd ≤ valEnd, received ${options.trainEnd} > ${options.valEnd}`);
  const result: SplitIndices = { train: [], val: [], test: [] };
  times.forEach((t, i) => result[t < trainEnd ? 'train' : t < valEnd ? 'val' : 'test'].push(i));
  return result;
}
