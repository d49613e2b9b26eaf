import { AppPlugin, createAppCommands } from '@mimo/app-kit';
import { AppCommand } from '@mimo/core';

/** Takes `--news FILE` (both `--news value` and `--news=value`) out of the arguments; the rest go to the kit. */
export function takeNewsFlag(args: readonly string[]): { news?: string; rest: string[] } | string {
  let news: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const match = /^--news(?:=(.*))?$/.exec(args[i]);
    if (!match) {
      rest.push(args[i]);
      continue;
    }
    news = match[1] ?? args[++i];
    if (news === undefined || news.startsWith('--')) return '--news expects a value';
  }
  return { news, rest };
}

/** `mimo finance train`: the kit's train (its flags, `--encoder lstm|conv1d` among them) with the plugin for the `--news` file. */
export function financeTrainCommand(pluginFor: (flags: { news?: string }) => AppPlugin): AppCommand {
  return {
    summary: 'train on --data (default: S&P 500 from vega-datasets; stocknet; a prices CSV) [--news FILE] [--encoder lstm|conv1d]',
    run: async (args) => {
      const flags = takeNewsFlag(args);
      if (typeof flags === 'string') {
        process.stderr.write(`mimo finance train: ${flags}\n`);
        return 2;
      }
      return createAppCommands(pluginFor(flags)).train.run(flags.rest);
    },
  };
}
