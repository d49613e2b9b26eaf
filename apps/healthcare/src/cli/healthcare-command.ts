import { defineCommand, FlagError, FlagRules, ParsedFlags } from '@mimo/app-kit';
import { AppCommand } from '@mimo/core';

/** One of the app's own commands, with the kit's conventions (`defineCommand`); prints its result as JSON. */
export function healthcareCommand<R extends FlagRules>(name: string, summary: string, rules: R, body: (flags: ParsedFlags<R>) => Promise<unknown>): AppCommand {
  return defineCommand('healthcare', name, summary, rules, async (flags) => {
    process.stdout.write(`${JSON.stringify(await body(flags), null, 2)}\n`);
    return 0;
  });
}

/** `--seeds 1,2,3` → integers; anything else is a flag error naming the value. */
export function parseSeeds(values: string[] | undefined, fallback: number): number[] {
  if (values === undefined) return [fallback];
  return values.map((value) => {
    if (!/^\d+$/.test(value)) throw new FlagError(`--seeds expects comma-separated non-negative integers. Received: ${JSON.stringify(value)}`);
    return Number(value);
  });
}
