import { CrossValidationResult } from '../cv/cross-validate';
import { MeanStd } from '../cv/fold-summary';
import { ThresholdRecord } from '../threshold/threshold-command';
import { TransferRecord } from '../transfer/run-transfer';
import { TRANSFER_STAGES } from '../transfer/transfer-stages';

const f = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(3));

/** `mean ± std` (std across folds or seeds). */
export const meanStd = (m: MeanStd | undefined) => (m === undefined ? '–' : `${m.mean.toFixed(3)} ± ${m.std.toFixed(3)}`);

/** Published cross-validated accuracy per data set, where there is one. */
const CV_REFERENCE: Record<string, string> = { WDBC: 'about 0.975 (10-fold CV, wdbc.names)' };

/** One row per cross-validation: data, folds, accuracy / AUC / F1 as mean ± std across folds, the reference. */
export function cvTable(results: readonly CrossValidationResult[]): string {
  const rows = results.map(
    (r) => `| ${r.data} | ${r.folds} (stratified) | ${r.runs.reduce((s, run) => s + run.n.test, 0)} | ${meanStd(r.summary.accuracy)} | ${meanStd(r.summary.auc)} | ${meanStd(r.summary.f1)} | ${CV_REFERENCE[r.data] ?? '—'} | ${r.backend} |`,
  );
  return ['| data | folds | rows | accuracy | AUC | F1 | published reference | backend |', '| --- | --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Accuracy, precision and recall at 0.5 and at the threshold chosen on the validation split, per bundle. */
export function thresholdTable(thresholds: Readonly<Record<string, ThresholdRecord>>): string {
  const rows = Object.entries(thresholds).flatMap(([run, t]) =>
    (['default', 'chosen'] as const).map((which) => {
      const [val, test] = [t.val[which], t.test[which]];
      return `| ${run} | ${which === 'default' ? '0.5' : `${f(t.threshold)} (val)`} | ${f(val.accuracy)} | ${f(test.accuracy)} | ${f(test.precision)} | ${f(test.recall)} | ${f(test.specificity)} |`;
    }),
  );
  return ['| run | threshold | val accuracy | test accuracy | test precision | test recall | test specificity |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Per stage: runs, epochs, test accuracy / AUC / F1 as mean ± std across seeds. */
export function transferTable(record: TransferRecord): string {
  const labels = { frozen: 'pretrained encoder, frozen', fine_tuned: `then fine-tuned (all layers, rate ${record.fineTuneLearningRate})`, scratch: 'same architecture from scratch' };
  const rows = TRANSFER_STAGES.map((stage) => {
    const runs = record.runs.filter((r) => r.stage === stage);
    const s = record.summary[stage];
    return `| ${labels[stage]} | ${runs.length} | ${runs.map((r) => r.epochs).join(', ')} | ${meanStd(s.accuracy)} | ${meanStd(s.auc)} | ${meanStd(s.f1)} |`;
  });
  return ['| run | seeds | epochs | accuracy | AUC | F1 |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Fine-tuned minus scratch, per seed, then the mean: the paired difference the transfer runs are for. */
export function transferDifference(record: TransferRecord, metric: string): string {
  const value = (seed: number, stage: string) => record.runs.find((r) => r.seed === seed && r.stage === stage)?.test[metric];
  const diffs = record.seeds.map((seed) => (value(seed, 'fine_tuned') ?? NaN) - (value(seed, 'scratch') ?? NaN)).filter(Number.isFinite);
  if (diffs.length === 0) return '–';
  const sign = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;
  return `${sign(diffs.reduce((s, v) => s + v, 0) / diffs.length)} (per seed: ${diffs.map(sign).join(', ')})`;
}
