import { BackendSelectionError, initBackend } from '@mimo/backend';
import { AppCommand } from '@mimo/core';
import { describeBundle, formatBundleDescription } from '../flows/describe-bundle';
import { EVALUATE_SPLITS, EvaluateSplit, runEvaluate } from '../flows/evaluate-flow';
import { runPredict } from '../flows/predict-flow';
import { runExplain } from '../flows/explain-flow';
import { runTrain } from '../flows/train-flow';
import { withTrainingRanks } from '../distributed/training-ranks';
import { AppPlugin, FusionChoice, TrainOptions } from '../plugin';
import { FlagError, FlagRule, FlagRules, parseFlags, ParsedFlags, requireFlag } from './parse-flags';
import { runServe } from './serve-command';

export const TRAIN_FLAGS = {
  data: { type: 'string' },
  out: { type: 'string' },
  overwrite: { type: 'boolean' },
  resume: { type: 'boolean' },
  epochs: { type: 'int' },
  'batch-size': { type: 'int' },
  seed: { type: 'int', min: 0 },
  backend: { type: 'string' },
  fusion: { type: 'string', choices: ['concat', 'gated'] },
  inputs: { type: 'list' },
  tensorboard: { type: 'string' },
  patience: { type: 'int' },
  tiny: { type: 'boolean' },
  encoder: { type: 'string' },
  'nproc-per-node': { type: 'int', min: 1 },
} as const satisfies FlagRules;

export const EVALUATE_FLAGS = { model: { type: 'string' }, data: { type: 'string' }, split: { type: 'string', choices: EVALUATE_SPLITS }, json: { type: 'string' }, backend: { type: 'string' } } as const satisfies FlagRules;
export const PREDICT_FLAGS = { model: { type: 'string' }, input: { type: 'string' }, 'skip-bad-records': { type: 'boolean' }, backend: { type: 'string' } } as const satisfies FlagRules;
export const EXPLAIN_FLAGS = { model: { type: 'string' }, input: { type: 'string' }, backend: { type: 'string' } } as const satisfies FlagRules;
export const SERVE_FLAGS = { model: { type: 'string' }, port: { type: 'int', min: 0, max: 65535 }, host: { type: 'string' }, bench: { type: 'string' }, backend: { type: 'string' } } as const satisfies FlagRules;
export const SPEC_FLAGS = { model: { type: 'string' }, json: { type: 'boolean' } } as const satisfies FlagRules;
export const REPORT_FLAGS = { out: { type: 'string' }, runs: { type: 'string' }, backend: { type: 'string' } } as const satisfies FlagRules;

/** Train flags with the kit's defaults filled in; `--encoder` must be one of the plugin's `encoders`. */
export function trainOptions(flags: ParsedFlags<typeof TRAIN_FLAGS>, plugin?: AppPlugin): TrainOptions {
  if (flags.encoder !== undefined && plugin && !(plugin.encoders ?? []).includes(flags.encoder)) {
    const choices = plugin.encoders?.length ? `expected one of ${plugin.encoders.join(', ')}` : `mimo ${plugin.name} has no encoder choice`;
    throw new FlagError(`--encoder: ${choices}, received ${JSON.stringify(flags.encoder)}`);
  }
  return {
    data: flags.data,
    out: flags.out,
    overwrite: flags.overwrite ?? false,
    resume: flags.resume ?? false,
    epochs: flags.epochs ?? 20,
    batchSize: flags.batchSize ?? 32,
    seed: flags.seed ?? 42,
    backend: flags.backend,
    fusion: flags.fusion as FusionChoice | undefined,
    inputs: flags.inputs,
    tensorboard: flags.tensorboard,
    patience: flags.patience ?? 5,
    tiny: flags.tiny ?? false,
    encoder: flags.encoder,
  };
}

/** `mimo <app> <command> --help`: the summary and every flag with what it takes. */
export function commandUsage(app: string, name: string, summary: string, rules: FlagRules): string {
  const takes = (rule: FlagRule) =>
    rule.type === 'boolean' ? '' : rule.choices ? ` ${rule.choices.join('|')}` : rule.type === 'int' ? ' N' : rule.type === 'list' ? ' a,b' : ' VALUE';
  return `mimo ${app} ${name}: ${summary}\n\nFlags:\n${Object.entries(rules).map(([flag, rule]) => `  --${flag}${takes(rule)}`).join('\n')}`;
}

/**
 * Runs a command body: `FlagError` → message on stderr, exit 2; any other error → `mimo <app> <cmd>: message`,
 * exit 1. `--backend`, when the command got it (the mimo CLI already strips it), picks the backend first.
 * Apps define their own extra commands with it too.
 */
export function defineCommand<R extends FlagRules>(app: string, name: string, summary: string, rules: R, body: (flags: ParsedFlags<R>) => Promise<number>): AppCommand {
  return {
    summary,
    run: async (args) => {
      if (args.includes('--help') || args.includes('-h')) {
        process.stdout.write(`${commandUsage(app, name, summary, rules)}\n`);
        return 0;
      }
      try {
        const flags = parseFlags(args, rules);
        const backend = (flags as { backend?: string }).backend;
        if (backend) await initBackend({ backend });
        return await body(flags);
      } catch (error) {
        process.stderr.write(`mimo ${app} ${name}: ${(error as Error).message}\n`);
        // A backend name that does not exist is a usage mistake too.
        return error instanceof FlagError || error instanceof BackendSelectionError ? 2 : 1;
      }
    },
  };
}

/** The common commands (`train`, `evaluate`, `predict`, `explain`, `spec`, `serve`, `report`) plus the plugin's own. */
export function createAppCommands(plugin: AppPlugin): Record<string, AppCommand> {
  const app = plugin.name;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  return {
    train: defineCommand(app, 'train', 'train on --data (default: the app data set) and save a bundle with its model card (--nproc-per-node N: N data-parallel ranks, docs/distributed.md)', TRAIN_FLAGS, (flags) =>
      withTrainingRanks(flags.nprocPerNode, async (dataParallel) => {
        const result = await runTrain(plugin, { ...trainOptions(flags, plugin), dataParallel });
        if (result.saved) out(JSON.stringify({ bundle: result.dir, backend: result.card.backend, test: result.card.metrics.test }, null, 2));
        return 0;
      }),
    ),
    evaluate: defineCommand(app, 'evaluate', 'metrics per head of a bundle, beside naive baselines, with a verdict (--split test|val|all: default test on the training data, all on another --data file; --json FILE writes them)', EVALUATE_FLAGS, async (flags) => {
      const report = await runEvaluate(plugin, { model: requireFlag(flags.model, 'model'), data: flags.data, split: flags.split as EvaluateSplit | undefined, json: flags.json });
      out(JSON.stringify(report, null, 2));
      process.stderr.write(`mimo ${app} evaluate: ${report.split === 'all' ? 'all' : `the ${report.split} split:`} ${report.n} examples of ${report.data}\n`);
      for (const [head, verdict] of Object.entries(report.verdicts)) process.stderr.write(`  ${head}: ${verdict}\n`);
      return 0;
    }),
    predict: defineCommand(app, 'predict', 'predict every record of --input FILE.jsonl|FILE.csv with --model DIR (JSON lines out, with the record\'s id when it has one; --skip-bad-records lists bad records on stderr and predicts the rest)', PREDICT_FLAGS, async (flags) => {
      const input = requireFlag(flags.input, 'input');
      const onSkip = (error: Error) => process.stderr.write(`mimo ${app} predict: skipped ${error.message}\n`);
      const predictions = await runPredict(plugin, { model: requireFlag(flags.model, 'model'), input, skipBadRecords: flags.skipBadRecords, onSkip });
      for (const p of predictions) out(JSON.stringify(p));
      return 0;
    }),
    explain: defineCommand(app, 'explain', 'why --model DIR answers each record of --input FILE.jsonl|FILE.csv as it does: per head, integrated gradients per input and feature / token / pixel, and the output with each input at its baseline (JSON lines; docs/web.md#explanations)', EXPLAIN_FLAGS, async (flags) => {
      for (const explained of await runExplain(plugin, { model: requireFlag(flags.model, 'model'), input: requireFlag(flags.input, 'input') })) out(JSON.stringify(explained));
      return 0;
    }),
    spec: defineCommand(app, 'spec', 'what a record for --model DIR holds (each field with its kind and an example) and what each head answers (--json for JSON)', SPEC_FLAGS, async (flags) => {
      const description = await describeBundle(plugin, requireFlag(flags.model, 'model'));
      out(flags.json ? JSON.stringify(description, null, 2) : formatBundleDescription(description));
      return 0;
    }),
    serve: defineCommand(app, 'serve', 'serve --model DIR over HTTP (@mimo/serve) on --port N (default 8080), with the web app at / (--bench DIR: a `mimo bench` folder for its runs page; docs/web.md)', SERVE_FLAGS, (flags) =>
      runServe(plugin, { model: requireFlag(flags.model, 'model'), port: flags.port ?? 8080, host: flags.host, bench: flags.bench }),
    ),
    report: defineCommand(app, 'report', `write the app report (${app}.md and charts, into --out DIR: out/${app}/report; --out docs regenerates the shipped page) from the bundles in --runs DIR (out/${app})`, REPORT_FLAGS, async (flags) => {
      if (!plugin.report) {
        process.stderr.write(`mimo ${app} report: not built yet for ${app}\n`);
        return 2;
      }
      return plugin.report({ out: flags.out, runs: flags.runs });
    }),
    ...plugin.extraCommands,
  };
}
