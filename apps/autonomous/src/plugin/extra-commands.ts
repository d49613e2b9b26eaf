import * as path from 'path';
import { AppPlugin, FlagError, FlagRules, parseFlags, ParsedFlags } from '@mimo/app-kit';
import { AppCommand } from '@mimo/core';
import { RESULTS_FILE, runExperiments } from '../experiments/run-experiments';
import { writeManifest } from '../manifest/write-manifest';
import { writeReport } from '../report/write-report';
import { generateFrames } from '../scene/generate-scenes';

/**
 * A command of this app beyond the kit's: flags parsed by the kit's `parseFlags`; a flag mistake exits 2, any
 * other failure 1, each with `mimo autonomous <command>: message`. (The kit keeps its own wrapper private.)
 */
function appCommand<R extends FlagRules>(name: string, summary: string, rules: R, body: (flags: ParsedFlags<R>) => Promise<number>): AppCommand {
  return {
    summary,
    run: async (args) => {
      try {
        return await body(parseFlags(args, rules));
      } catch (error) {
        process.stderr.write(`mimo autonomous ${name}: ${(error as Error).message}\n`);
        return error instanceof FlagError ? 2 : 1;
      }
    },
  };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The app's own commands; `experiments` trains through `plugin` (the app's, passed in to avoid an import cycle). */
export const extraCommandsFor = (plugin: AppPlugin): Record<string, AppCommand> => ({
  generate: appCommand('generate', 'write generated scenes as a manifest CSV + PNG images (--out DIR [--count N=200] [--seed N=42])', { out: { type: 'string' }, count: { type: 'int' }, seed: { type: 'int', min: 0 } }, async (flags) => {
    if (!flags.out) throw new FlagError('--out is required');
    const file = await writeManifest(flags.out, generateFrames({ count: flags.count ?? 200, seed: flags.seed ?? 42 }));
    process.stdout.write(`${path.resolve(file)}\n`);
    return 0;
  }),
  experiments: appCommand(
    'experiments',
    `run the ablation, robustness and wall-following-robot study (--robot-epochs N: the plain-MLP baseline's cap, 150) and write ${RESULTS_FILE} (then run report)`,
    { scenes: { type: 'int' }, epochs: { type: 'int' }, 'robot-epochs': { type: 'int' }, seed: { type: 'int', min: 0 }, out: { type: 'string' }, backend: { type: 'string' } },
    async (flags) => {
      await runExperiments({ plugin, scenes: flags.scenes ?? 2000, epochs: flags.epochs ?? 20, robotEpochs: flags.robotEpochs ?? 150, seed: flags.seed ?? 1, out: flags.out ?? RESULTS_FILE, backend: flags.backend, log });
      return 0;
    },
  ),
});

/** The kit's `report` hook: regenerate docs/autonomous.md and its charts from the measured results. */
export async function report(options: { out?: string }): Promise<number> {
  try {
    log(`wrote ${await writeReport({ docs: options.out })}`);
    return 0;
  } catch (error) {
    log(`mimo autonomous report: ${(error as Error).message}`);
    return 1;
  }
}
