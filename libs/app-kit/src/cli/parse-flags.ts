import { didYouMean } from './did-you-mean';

/** A command-line mistake: the message names the flag, what it expects and what it received. Exit code 2. */
export class FlagError extends Error {
  override name = 'FlagError';
}

/** How one flag is read: `string` (a value), `int` (positive integer unless `min` says otherwise), `list` (comma-separated), `boolean` (no value). */
export interface FlagRule {
  type: 'string' | 'int' | 'list' | 'boolean';
  /** For `string` and `list`: the only values allowed. */
  choices?: readonly string[];
  /** For `int`: the smallest value allowed. Defaults to 1. */
  min?: number;
  /** For `int`: the largest value allowed. Defaults to none. */
  max?: number;
}

export type FlagRules = Record<string, FlagRule>;

type FlagValue<R extends FlagRule> = R['type'] extends 'int' ? number : R['type'] extends 'list' ? string[] : R['type'] extends 'boolean' ? boolean : string;

/** `batch-size` → `batchSize`, as a type. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** Parsed flags: each present flag by its camelCase name (`--batch-size` → `batchSize`). */
export type ParsedFlags<R extends FlagRules> = { [K in keyof R & string as CamelCase<K>]?: FlagValue<R[K]> };

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function readValue(flag: string, rule: FlagRule, raw: string): string | number | string[] {
  if (rule.type === 'int') {
    const min = rule.min ?? 1;
    const range = rule.max === undefined ? `≥ ${min}` : `from ${min} to ${rule.max}`;
    if (!/^-?\d+$/.test(raw) || Number(raw) < min || (rule.max !== undefined && Number(raw) > rule.max)) throw new FlagError(`--${flag} expects an integer ${range}. Received: ${JSON.stringify(raw)}`);
    return Number(raw);
  }
  const values = rule.type === 'list' ? raw.split(',').map((v) => v.trim()).filter(Boolean) : [raw];
  if (rule.type === 'list' && values.length === 0) throw new FlagError(`--${flag} expects a comma-separated list. Received: ${JSON.stringify(raw)}`);
  for (const value of values) {
    if (rule.choices && !rule.choices.includes(value)) throw new FlagError(`--${flag} expects one of: ${rule.choices.join(', ')}. Received: ${JSON.stringify(value)}.${didYouMean(value, rule.choices)}`);
  }
  return rule.type === 'list' ? values : raw;
}

/**
 * Parses `--name value`, `--name=value` and boolean `--name` flags by their rules. Unknown flags, missing
 * values, bad numbers, repeated flags and stray positional arguments are `FlagError`s that list what is known.
 */
export function parseFlags<R extends FlagRules>(args: string[], rules: R): ParsedFlags<R> {
  const parsed: Record<string, unknown> = {};
  const known = Object.keys(rules).map((f) => `--${f}`).join(', ') || '(none)';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new FlagError(`Unexpected argument ${JSON.stringify(arg)}. Flags: ${known}`);
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq < 0 ? undefined : eq);
    const rule = rules[flag];
    if (!rule) throw new FlagError(`Unknown flag --${flag}.${didYouMean(flag, Object.keys(rules), (f) => `--${f}`)} Flags: ${known}`);
    const key = camel(flag);
    if (key in parsed) throw new FlagError(`--${flag} is given twice`);
    if (rule.type === 'boolean') {
      if (eq >= 0) throw new FlagError(`--${flag} takes no value. Received: ${JSON.stringify(arg.slice(eq + 1))}`);
      parsed[key] = true;
      continue;
    }
    const raw = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (raw === undefined || (eq < 0 && raw.startsWith('--'))) throw new FlagError(`--${flag} expects a value`);
    parsed[key] = readValue(flag, rule, raw);
  }
  return parsed as ParsedFlags<R>;
}

/** The value of a flag that must be given. */
export function requireFlag<T>(value: T | undefined, flag: string): T {
  if (value === undefined) throw new FlagError(`--${flag} is required`);
  return value;
}
