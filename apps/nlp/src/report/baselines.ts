import { BaselineResult } from '../baseline/bow-baseline';
import { NlpRun } from './collect-runs';

/** The first run's baseline per data set and seed (runs on the same split fit the same baseline). */
export function collectedBaselines(runs: readonly NlpRun[]): Array<{ data: string; run: NlpRun; baseline: BaselineResult }> {
  const seen = new Map<string, { data: string; run: NlpRun; baseline: BaselineResult }>();
  for (const run of runs) {
    const data = `${run.card.data.name}${run.card.data.tiny ? ' (tiny)' : ''}`;
    if (run.baseline && !run.info?.pretrained && !seen.has(`${data}|${run.card.seed}`)) seen.set(`${data}|${run.card.seed}`, { data, run, baseline: run.baseline });
  }
  return [...seen.values()];
}
