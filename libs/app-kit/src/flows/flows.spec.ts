import { loadBundle } from '@mimo/core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { createAppCommands } from '../cli/app-commands';
import { runCommand } from '../testing/run-command';
import { tablePlugin } from '../testing/table-plugin';
import { runEvaluate } from './evaluate-flow';
import { runPredict } from './predict-flow';
import { runExplain } from './explain-flow';
import type { AnsweredExplanation } from '@mimo/serve';
import { testPredictions } from './test-predictions';
import { runTrain } from './train-flow';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-kit-'));
const quiet = () => undefined;

const scored = (r: { split: string; n: number }) => ({ split: r.split, n: r.n });

describe('train → evaluate → predict through a plugin', () => {
  const plugin = tablePlugin();
  const bundleDir = path.join(dir, 'toy');
  const options = { out: bundleDir, epochs: 15, batchSize: 32, seed: 3, patience: 5, tiny: false };

  it('trains, saves a bundle with preprocessing and a model card, and learns the label', async () => {
    const result = await runTrain(plugin, options, quiet);
    expect(result.card.metrics.test.y.accuracy).toBeGreaterThan(0.85);
    const bundle = await loadBundle(bundleDir);
    expect(bundle.preprocessing).toMatchObject({ format: 'mimo.preprocessing' });
    expect(bundle.card).toMatchObject({ app: 'toy', seed: 3, inputs: ['num', 'ward'], heads: { y: 'binary' }, data: { name: 'toy table', n: { train: 800, val: 100, test: 100 } } });
    expect(bundle.card.backend).toEqual(expect.any(String));
    expect((bundle.card.history as Record<string, number[]>).val_loss.length).toBe((bundle.card.epochs as { completed: number }).completed);
    // The test split's confusion matrix (its 100 examples) and ROC curve from (0,0) to (1,1), for the web app.
    const charts = (bundle.card.testCharts as Record<string, { confusion: number[][]; roc: { fpr: number; tpr: number }[] }>).y;
    expect(charts.confusion.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect([charts.roc[0], charts.roc[charts.roc.length - 1]]).toEqual([{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }]);
    expect(charts.roc.length).toBeLessThanOrEqual(101);
    bundle.model.dispose();
  });

  it('evaluates the same test split from the bundle, with the saved preprocessing', async () => {
    const json = path.join(dir, 'eval/metrics.json');
    const report = await runEvaluate(plugin, { model: bundleDir, json });
    expect(report).toMatchObject({ dataset: 'toy table', n: 100 });
    const card = JSON.parse(readFileSync(path.join(bundleDir, 'card.json'), 'utf8'));
    expect(report.heads.y.accuracy).toBeCloseTo(card.metrics.test.y.accuracy, 6);
    expect(Object.keys(report.heads.y).sort()).toEqual(['accuracy', 'auc', 'f1', 'loss', 'precision', 'recall']);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(report);
  });

  it('scores a split or everything: test by default on the training data, all on another file', async () => {
    const card = JSON.parse(readFileSync(path.join(bundleDir, 'card.json'), 'utf8'));
    expect(scored(await runEvaluate(plugin, { model: bundleDir }))).toEqual({ split: 'test', n: 100 });
    expect(scored(await runEvaluate(plugin, { model: bundleDir, split: 'val' }))).toEqual({ split: 'val', n: 100 });
    expect(scored(await runEvaluate(plugin, { model: bundleDir, split: 'all' }))).toEqual({ split: 'all', n: 1000 });
    const other = await runEvaluate(plugin, { model: bundleDir, data: path.join(dir, 'users-test-file.csv') });
    expect([other.split, other.n, other.data]).toEqual(['all', 1000, path.join(dir, 'users-test-file.csv')]);
    const all = await runEvaluate(plugin, { model: bundleDir, split: 'all' });
    expect(all.heads.y.accuracy).toBeCloseTo(other.heads.y.accuracy, 6);
    expect(card.metrics.test.y.accuracy).toBeCloseTo((await runEvaluate(plugin, { model: bundleDir })).heads.y.accuracy, 6);
  });

  it('reports binary heads at the threshold chosen on the validation split, beside naive baselines, with a verdict', async () => {
    const card = JSON.parse(readFileSync(path.join(bundleDir, 'card.json'), 'utf8'));
    expect(card.classes).toEqual({ y: ['no', 'yes'] });
    expect(card.thresholds.y).toBeGreaterThan(0);
    expect(card.thresholds.y).toBeLessThan(1);
    const evaluation = await runEvaluate(plugin, { model: bundleDir });
    expect(evaluation.thresholds.y).toMatchObject({ threshold: card.thresholds.y, accuracy: expect.any(Number), recall: expect.any(Number) });
    // The constant guess (the training split's share of "yes") has AUC 0.5 and the majority's accuracy.
    const majority = evaluation.baselines.y['majority class (training shares)'];
    expect(majority.auc).toBeCloseTo(0.5, 6);
    expect(evaluation.heads.y.auc).toBeGreaterThan(0.9);
    expect(evaluation.verdicts.y).toMatch(/^skill: auc (0\.9\d+|1\.0000) beats every naive baseline \(the best, "majority class \(training shares\)": 0\.5000\)$/);
  });

  it('predicts JSON lines and CSV rows', async () => {
    const jsonl = path.join(dir, 'in.jsonl');
    writeFileSync(jsonl, '{"a": 2, "noise": 0, "ward": "A"}\n{"a": -2, "noise": 0, "ward": "B"}\n');
    const predictions = await runPredict(plugin, { model: bundleDir, input: jsonl });
    expect(predictions).toHaveLength(2);
    const [yes, no] = predictions.map((p) => p.y as { class: string; probability: number });
    expect([yes.class, no.class]).toEqual(['yes', 'no']);
    expect(yes.probability).toBeGreaterThan(0.5);
    expect(no.probability).toBeLessThan(0.5);
    const csv = path.join(dir, 'in.csv');
    writeFileSync(csv, 'a,noise,ward\n2,0,A\n');
    expect(await runPredict(plugin, { model: bundleDir, input: csv })).toEqual([predictions[0]]);
  });

  it('explains a record: the feature the label depends on gets more credit than the noise, and completeness holds', async () => {
    const jsonl = path.join(dir, 'explain.jsonl');
    writeFileSync(jsonl, '{"id": "r1", "a": 2, "noise": 0.1, "ward": "A"}\n');
    const [explained] = await runExplain(plugin, { model: bundleDir, input: jsonl });
    const y = explained.y as AnsweredExplanation;
    expect(explained.id).toBe('r1');
    expect(y.class).toBe('yes');
    expect(y.attributions.num.features).toEqual(['a', 'noise']);
    const [a, noise] = y.attributions.num.values;
    expect(Math.abs(a)).toBeGreaterThan(5 * Math.abs(noise));
    expect(y.completeness.holds).toBe(true);
    expect(y.attributions.ward.ids).toHaveLength(1);
    const { code, out, err } = await runCommand(createAppCommands(plugin).explain, ['--model', bundleDir, '--input', jsonl]);
    expect([code, err]).toEqual([0, '']);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(explained)));
    const missing = await runCommand(createAppCommands(plugin).explain, ['--model', bundleDir, '--input', path.join(dir, 'none.jsonl')]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringMatching(/^mimo toy explain: .*none\.jsonl/) });
  });

  it('gives the test labels and scores of a bundle for charts', async () => {
    const predictions = await testPredictions(plugin, bundleDir);
    expect(predictions.labels.y).toHaveLength(100);
    expect(predictions.scores.y).toHaveLength(100);
    expect(predictions.scores.y[0]).toHaveLength(1);
  });

  it('trains a subset of inputs under its own name', async () => {
    const result = await runTrain(plugin, { ...options, out: undefined, epochs: 1, inputs: ['num'], tiny: true }, quiet);
    expect(result.dir).toBe(path.join('out', 'toy', 'toy__num'));
    expect(result.card.inputs).toEqual(['num']);
    require('fs').rmSync(path.join('out', 'toy'), { recursive: true, force: true });
  });
});

describe('createAppCommands', () => {
  const commands = createAppCommands(tablePlugin());
  /** A bundle of the toy app trained by the CLI command (one epoch, tiny) into a folder of its own. */
  const trainedBundle = async (name: string) => {
    const out = path.join(dir, name);
    expect(await runCommand(commands.train, ['--out', out, '--epochs', '1', '--tiny'])).toMatchObject({ code: 0 });
    return out;
  };

  it('offers the seven common commands', () => {
    expect(Object.keys(commands)).toEqual(['train', 'evaluate', 'predict', 'explain', 'spec', 'serve', 'report']);
  });

  it('exits 2 with a named flag on mistakes, 1 with the message on failures', async () => {
    expect(await runCommand(commands.train, ['--epochs', 'many'])).toMatchObject({ code: 2, err: 'mimo toy train: --epochs expects an integer ≥ 1. Received: "many"\n' });
    expect(await runCommand(commands.evaluate, [])).toMatchObject({ code: 2, err: 'mimo toy evaluate: --model is required\n' });
    expect(await runCommand(commands.train, ['--inputs', 'ecg', '--tiny', '--out', path.join(dir, 'x')])).toMatchObject({ code: 2, err: expect.stringContaining('--inputs: unknown input(s) ecg') });
    expect(await runCommand(commands.predict, ['--model', path.join(dir, 'none'), '--input', 'x.jsonl'])).toMatchObject({ code: 1, err: expect.stringMatching(/^mimo toy predict: /) });
    expect(await runCommand(commands.report, [])).toMatchObject({ code: 2, err: 'mimo toy report: not built yet for toy\n' });
    expect(await runCommand(commands.train, ['--encoder', 'lstm'])).toMatchObject({ code: 2, err: 'mimo toy train: --encoder: mimo toy has no encoder choice, received "lstm"\n' });
    const withEncoders = createAppCommands({ ...tablePlugin(), encoders: ['mlp', 'wide'] });
    expect(await runCommand(withEncoders.train, ['--encoder', 'deep'])).toMatchObject({ code: 2, err: 'mimo toy train: --encoder: expected one of mlp, wide, received "deep"\n' });
  });

  it('passes --encoder to the plugin\'s spec and records it in the card', async () => {
    const seen: (string | undefined)[] = [];
    const plugin = tablePlugin();
    const withEncoders = createAppCommands({ ...plugin, encoders: ['mlp', 'wide'], createSpec: (o) => (seen.push(o.encoder), plugin.createSpec(o)) });
    const out = path.join(dir, 'encoder');
    expect(await runCommand(withEncoders.train, ['--encoder', 'wide', '--epochs', '1', '--tiny', '--out', out])).toMatchObject({ code: 0 });
    expect(seen).toEqual(['wide']);
    expect(JSON.parse(readFileSync(path.join(out, 'card.json'), 'utf8'))).toMatchObject({ encoder: 'wide', training: { seconds: expect.any(Number), examplesPerSecond: expect.any(Number) } });
  });

  it('never replaces a folder of the user\'s with --out (refused before training) unless --overwrite, nor a file', async () => {
    const kept = path.join(dir, 'kept');
    mkdirSync(kept);
    writeFileSync(path.join(kept, 'important.txt'), 'keep');
    const refused = await runCommand(commands.train, ['--out', kept, '--epochs', '1', '--tiny']);
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining(`refusing to replace ${kept}: it is not a Mimo bundle (it holds important.txt)`) });
    expect(refused.err).not.toContain('Epoch 1/1');
    expect(readFileSync(path.join(kept, 'important.txt'), 'utf8')).toBe('keep');
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'keep');
    expect(await runCommand(commands.train, ['--out', file, '--epochs', '1', '--tiny', '--overwrite'])).toMatchObject({ code: 1, err: expect.stringContaining('it is a file, not a folder') });
    expect(readFileSync(file, 'utf8')).toBe('keep');
    expect(await runCommand(commands.train, ['--out', kept, '--epochs', '1', '--tiny', '--overwrite'])).toMatchObject({ code: 0 });
    expect(existsSync(path.join(kept, 'important.txt'))).toBe(false);
    expect(await runCommand(commands.train, ['--out', kept, '--epochs', '1', '--tiny'])).toMatchObject({ code: 0 }); // a bundle is replaced
  });

  it('predict names the file and line of a record the decoder refuses', async () => {
    const out = await trainedBundle('lines');
    const input = path.join(dir, 'bad.jsonl');
    writeFileSync(input, '{"a": 1, "noise": 0, "ward": "A"}\n\n{"a": "old", "noise": 0, "ward": "A"}\n');
    const predict = await runCommand(commands.predict, ['--model', out, '--input', input]);
    expect(predict).toMatchObject({ code: 1, err: expect.stringContaining(`${input}:3: column "a": expected`) });
  });

  it('predict echoes each record\'s id, and with --skip-bad-records predicts the good ones and lists the bad by line', async () => {
    const out = await trainedBundle('skip');
    const input = path.join(dir, 'mixed.jsonl');
    writeFileSync(input, ['{"id": "p1", "a": 1, "noise": 0, "ward": "A"}', '{"id": "p2", "a": "old", "noise": 0, "ward": "A"}', '{"id": "p3", "a": 1e308, "noise": 0, "ward": "B"}', '{"id": "p4", "a": 2, "noise": 0, "ward": "B"}'].join('\n'));
    expect(await runCommand(commands.predict, ['--model', out, '--input', input])).toMatchObject({ code: 1, err: expect.stringContaining(`${input}:2: column "a"`) });
    const skip = await runCommand(commands.predict, ['--model', out, '--input', input, '--skip-bad-records']);
    expect(skip.code).toBe(0);
    const answer = { class: expect.stringMatching(/^(yes|no)$/), probability: expect.any(Number) };
    expect(skip.out.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { id: 'p1', y: answer },
      { id: 'p4', y: answer },
    ]);
    expect(skip.err).toContain(`skipped ${input}:2: column "a": expected a finite number, received "old"`);
    expect(skip.err).toContain(`skipped ${input}:3: input 'num' became NaN or Infinity`);
  });

  it('predict refuses a record the preprocessing cannot represent, naming its file and line, instead of printing null', async () => {
    const out = await trainedBundle('finite');
    const input = path.join(dir, 'huge.jsonl');
    writeFileSync(input, '{"a": 1, "noise": 0, "ward": "A"}\n\n{"a": 1e308, "noise": 0, "ward": "A"}\n');
    const predict = await runCommand(commands.predict, ['--model', out, '--input', input]);
    expect(predict).toMatchObject({ code: 1, out: '' });
    expect(predict.err).toContain(`${input}:3: input 'num' became NaN or Infinity`);
  });

  it('serve refuses at start a bundle another app trained', async () => {
    const out = await trainedBundle('other-app');
    const other = createAppCommands({ ...tablePlugin(), name: 'other' });
    expect(await runCommand(other.serve, ['--model', out, '--port', '0'])).toMatchObject({
      code: 1,
      err: `mimo other serve: ${out} was trained by the toy app (serve it with \`mimo toy serve\` or \`mimo serve\`), not by other\n`,
    });
  });

  it('runs train, evaluate --json and predict from flags', async () => {
    const out = path.join(dir, 'cli');
    const train = await runCommand(commands.train, ['--out', out, '--epochs', '2', '--tiny', '--seed', '1']);
    expect(train.code).toBe(0);
    expect(JSON.parse(train.out)).toMatchObject({ bundle: out, test: { y: { accuracy: expect.any(Number) } } });
    const evaluation = await runCommand(commands.evaluate, ['--model', out, '--json', path.join(out, '..', 'm.json')]);
    expect(JSON.parse(evaluation.out)).toMatchObject({ dataset: 'toy table', split: 'test', n: 20 });
    expect(evaluation.err).toMatch(/the test split: 20 examples of the app default\n  y: (no )?skill: auc/);
    expect(await runCommand(commands.evaluate, ['--model', out, '--split', 'tests'])).toMatchObject({ code: 2, err: expect.stringContaining('--split expects one of: test, val, all. Received: "tests". Did you mean \"test\"?') });
    writeFileSync(path.join(dir, 'one.jsonl'), '{"a": 1, "noise": 0, "ward": "A"}\n');
    const predict = await runCommand(commands.predict, ['--model', out, '--input', path.join(dir, 'one.jsonl')]);
    expect(JSON.parse(predict.out)).toEqual({ y: { class: expect.stringMatching(/^(yes|no)$/), probability: expect.any(Number) } });
  });

  it('spec --model lists the record fields with kinds and examples, and what each head answers', async () => {
    const out = await trainedBundle('described');
    const json = JSON.parse((await runCommand(commands.spec, ['--model', out, '--json'])).out);
    expect(json.recordFields).toEqual([
      { name: 'a', kind: 'number', required: true, example: expect.any(Number), note: expect.stringMatching(/^training range -?\d/) },
      { name: 'noise', kind: 'number', required: true, example: expect.any(Number), note: expect.any(String) },
      { name: 'ward', kind: 'category', required: true, example: expect.stringMatching(/^(A|B)$/), note: expect.stringMatching(/^one of (A, B|B, A); any other counts as unknown$/), choices: expect.arrayContaining(['A', 'B']) },
    ]);
    const card = JSON.parse(readFileSync(path.join(out, 'card.json'), 'utf8'));
    expect(card.recordFields).toEqual(json.recordFields);
    expect(json.heads).toEqual({ y: { type: 'binary', classes: ['no', 'yes'], threshold: card.thresholds.y } });
    const text = (await runCommand(commands.spec, ['--model', out])).out;
    expect(text).toMatch(/^toy: a record holds\n\nfield +kind +example +note\na +number +required/);
    expect(text).toContain('  y: binary: no, yes (positive at probability ≥ ');
  });
});
