import { collectedBaselines } from './baselines';
import { encoderLabel, inputsLabel, mainHead, NlpRun } from './collect-runs';

const f = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3));
const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** One row per run: its main head's test accuracy, F1 and AUC beside the BoW baseline's on the same split. */
export function resultsTable(runs: readonly NlpRun[]): string {
  return table(
    ['run', 'data', 'encoder', 'inputs', 'head', 'test n', 'accuracy', 'F1', 'AUC', 'BoW LR accuracy', 'BoW LR F1', 'BoW LR AUC', 'epochs', 'train s', 'backend'],
    runs.map((run) => {
      const head = mainHead(run);
      const m = run.card.metrics.test[head] ?? {};
      const b = run.baseline?.metrics[head] ?? {};
      const seconds = run.card.training?.seconds;
      return [run.name, run.card.data.name + (run.card.data.tiny ? ' (tiny)' : ''), encoderLabel(run), inputsLabel(run), head, String(run.card.data.n.test), f(m.accuracy), f(m.f1), f(m.auc), f(b.accuracy), f(b.f1), f(b.auc), String(run.card.epochs.completed), seconds === undefined ? '–' : seconds.toFixed(0), run.card.backend];
    }),
  );
}

/** The auxiliary heads (every head after the first) of the runs that have them, beside the baseline. */
export function auxiliaryTable(runs: readonly NlpRun[]): string {
  const rows = runs.flatMap((run) =>
    Object.keys(run.card.heads)
      .slice(1)
      .map((head) => {
        const m = run.card.metrics.test[head] ?? {};
        const b = run.baseline?.metrics[head] ?? {};
        return [run.name, encoderLabel(run), inputsLabel(run), head, f(m.accuracy), f(m.f1), f(b.accuracy), f(b.f1)];
      }),
  );
  return rows.length ? table(['run', 'encoder', 'inputs', 'head', 'accuracy', 'macro F1', 'BoW LR accuracy', 'BoW LR macro F1'], rows) : '_No run with an auxiliary head yet._';
}

/** Per data set and encoder: main-head AUC and F1 with the context branch and without (`--inputs text`). */
export function contextTable(runs: readonly NlpRun[]): string {
  const groups = new Map<string, { with?: NlpRun; without?: NlpRun }>();
  for (const run of runs.filter((r) => !r.info?.pretrained)) {
    const key = `${run.card.data.name}${run.card.data.tiny ? ' (tiny)' : ''} | ${encoderLabel(run)}`;
    const group = groups.get(key) ?? {};
    if (run.card.inputs.length === 1) group.without = run;
    else group.with = run;
    groups.set(key, group);
  }
  const metric = (run: NlpRun | undefined, key: string) => (run ? run.card.metrics.test[mainHead(run)]?.[key] : undefined);
  const rows = [...groups].filter(([, g]) => g.with && g.without).map(([key, g]) => [...key.split(' | '), f(metric(g.with, 'f1')), f(metric(g.without, 'f1')), f(metric(g.with, 'auc')), f(metric(g.without, 'auc'))]);
  return rows.length ? table(['data', 'encoder', 'F1 with context', 'F1 text only', 'AUC with context', 'AUC text only'], rows) : '_Needs a run with and one without the context branch (`--inputs text`)._';
}

/** The bag-of-words baseline once per data set (every run fits it on its own split; same seed → same split). */
export function baselineTable(runs: readonly NlpRun[]): string {
  const rows = collectedBaselines(runs).map(({ data, run, baseline }) => {
    const m = baseline.metrics[mainHead(run)] ?? {};
    return [data, String(baseline.vocabSize), String(baseline.n.train), String(baseline.n.test), f(m.accuracy), f(m.f1), f(m.auc)];
  });
  return rows.length ? table(['data', 'vocabulary', 'train n', 'test n', 'accuracy', 'F1', 'AUC'], rows) : '_No baseline yet._';
}

/** Each transfer run beside the same data, encoder and inputs trained from scratch. */
export function transferTable(runs: readonly NlpRun[]): string {
  const rows = runs
    .filter((run) => run.info?.pretrained)
    .map((run) => {
      const scratch = runs.find((r) => !r.info?.pretrained && r.card.data.name === run.card.data.name && r.card.data.tiny === run.card.data.tiny && r.card.encoder === run.card.encoder && inputsLabel(r) === inputsLabel(run));
      const head = mainHead(run);
      const [t, s] = [run.card.metrics.test[head] ?? {}, scratch?.card.metrics.test[head] ?? {}];
      return [run.name, run.card.data.name, encoderLabel(run), inputsLabel(run), f(t.accuracy), f(s.accuracy), f(t.auc), f(s.auc), String(run.card.epochs.completed), scratch ? String(scratch.card.epochs.completed) : '–'];
    });
  return rows.length ? table(['run', 'data', 'encoder', 'inputs', 'accuracy (transfer)', 'accuracy (scratch)', 'AUC (transfer)', 'AUC (scratch)', 'epochs (transfer)', 'epochs (scratch)'], rows) : '_No transfer run yet (`--pretrained DIR`)._';
}
