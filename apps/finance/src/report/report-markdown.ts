import { FinanceScores } from './finance-metrics';
import { ScoredBundle } from './score-bundle';

const f = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/** `sp500_conv1d__prices` → encoder `conv1d`, inputs `prices`; no suffix: both inputs; a news-only run has no price encoder. */
export function runKind(run: ScoredBundle): { encoder: string; inputs: string } {
  const [base] = run.spec.split('__');
  return { encoder: run.card.inputs.includes('prices') ? base.slice(base.lastIndexOf('_') + 1) : '–', inputs: run.card.inputs.join(' + ') };
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const scoreCells = (s: FinanceScores) => [f(s.rmse), f(s.mae), f(s.directionalAccuracy), f(s.mcc)];

/** One data set's table: each run's two heads, then the naive baselines on the same test days. */
export function resultsTable(runs: ScoredBundle[]): string {
  const lines = [
    row(['run', 'encoder', 'inputs', 'epochs', 'n test', 'RMSE (pp)', 'MAE (pp)', 'dir. acc. (return sign)', 'MCC (return sign)', 'acc. (direction head)', 'MCC (direction head)']),
    row(Array.from({ length: 11 }, () => '---')),
  ];
  for (const run of runs) {
    const { encoder, inputs } = runKind(run);
    const epochs = `${run.card.epochs.completed}/${run.card.epochs.requested}`;
    lines.push(row([run.name, encoder, inputs, epochs, run.test.length, ...scoreCells(run.returnHead), f(run.directionHead.directionalAccuracy), f(run.directionHead.mcc)]));
  }
  for (const [name, scores] of Object.entries(runs[0].baselines)) lines.push(row([`baseline: ${name}`, '–', '–', '–', runs[0].test.length, ...scoreCells(scores), '–', '–']));
  return lines.join('\n');
}

/**
 * Plain verdicts for each run: does it beat every naive baseline on RMSE, on directional accuracy (the better
 * of its two heads) and on MCC, and does the full model beat its price-only and sentiment-only ablations?
 */
export function verdicts(runs: ScoredBundle[]): string[] {
  const n = runs[0].test.length;
  // Binomial standard error of an accuracy near 0.5: edges smaller than two of these are noise.
  const noise = 2 * Math.sqrt(0.25 / n);
  const lines = [`- With ${n} test days a direction accuracy near 0.5 has a standard error of ${f(noise / 2)}: accuracy differences under ${f(noise)} (two standard errors) are within noise.`];
  const best = (run: ScoredBundle) => (run.directionHead.directionalAccuracy >= run.returnHead.directionalAccuracy ? run.directionHead : run.returnHead);
  for (const run of runs) {
    const mine = best(run);
    const losses: string[] = [];
    for (const [name, baseline] of Object.entries(run.baselines)) {
      if (!(run.returnHead.rmse < baseline.rmse)) losses.push(`RMSE ${f(run.returnHead.rmse)} vs ${name} ${f(baseline.rmse)}`);
      if (!(mine.directionalAccuracy > baseline.directionalAccuracy)) losses.push(`direction accuracy ${f(mine.directionalAccuracy)} vs ${name} ${f(baseline.directionalAccuracy)}`);
      if (!(mine.mcc > baseline.mcc)) losses.push(`MCC ${f(mine.mcc)} vs ${name} ${f(baseline.mcc)}`);
    }
    const edge = mine.directionalAccuracy - Math.max(...Object.values(run.baselines).map((b) => b.directionalAccuracy));
    const reliable = edge >= noise ? '' : ` — but its accuracy edge (${f(edge)}) is under two standard errors, so not a reliable one`;
    lines.push(losses.length ? `- **${run.name}** does NOT beat the naive baselines on: ${losses.join('; ')}.` : `- **${run.name}** beats both naive baselines on RMSE, direction accuracy and MCC${reliable}.`);
  }
  for (const full of runs.filter((r) => r.card.inputs.length === 2)) {
    const { encoder } = runKind(full);
    if (full.card.data.real.some((line) => line.startsWith('no news'))) {
      lines.push(`- ${full.name}: this data set has no news (empty news vectors), so its prices + news model is a price model too; it differs from the price-only run by training noise only.`);
      continue;
    }
    for (const ablation of runs.filter((r) => r.card.inputs.length === 1 && [encoder, '–'].includes(runKind(r).encoder))) {
      const better = full.returnHead.rmse < ablation.returnHead.rmse && best(full).directionalAccuracy > best(ablation).directionalAccuracy;
      lines.push(`- ${full.name} vs ${ablation.card.inputs[0]}-only ${ablation.name}: ${better ? 'lower RMSE and higher direction accuracy' : `does NOT beat it on both (RMSE ${f(full.returnHead.rmse)} vs ${f(ablation.returnHead.rmse)}, direction accuracy ${f(best(full).directionalAccuracy)} vs ${f(best(ablation).directionalAccuracy)})`}.`);
    }
  }
  return lines;
}
