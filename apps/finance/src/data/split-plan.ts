import { FinanceExample } from './build-examples';

/** Target days before `trainEnd` train, before `valEnd` validate, the rest test (YYYY-MM-DD). */
export interface SplitPlan {
  trainEnd: string;
  valEnd: string;
}

/** S&P 500 2000-2020: train on 2000-2014, validate on 2015-2016, test on 2017-01-03..2020-04-17. */
export const SP500_SPLIT: SplitPlan = { trainEnd: '2015-01-01', valEnd: '2017-01-01' };

/** A time split at 70 % / 85 % of the distinct target days (a user's file, tiny runs). */
export function quantileSplit(examples: readonly FinanceExample[]): SplitPlan {
  const days = [...new Set(examples.map((e) => e.targetDay))].sort();
  if (days.length < 10) throw new Error(`expected at least 10 target days for a train / val / test split by time, received ${days.length} (a longer price history, or a shorter window)`);
  return { trainEnd: days[Math.floor(days.length * 0.7)], valEnd: days[Math.floor(days.length * 0.85)] };
}

/** Examples by the split of their target day; every split must keep some. */
export function splitByTime(examples: readonly FinanceExample[], plan: SplitPlan): Record<'train' | 'val' | 'test', FinanceExample[]> {
  const parts = { train: [] as FinanceExample[], val: [] as FinanceExample[], test: [] as FinanceExample[] };
  for (const e of examples) parts[e.targetDay < plan.trainEnd ? 'train' : e.targetDay < plan.valEnd ? 'val' : 'test'].push(e);
  for (const [name, list] of Object.entries(parts)) {
    if (list.length === 0) throw new Error(`the ${name} split (train < ${plan.trainEnd} ≤ val < ${plan.valEnd} ≤ test, by target day) has no examples`);
  }
  return parts;
}
