/** The value after `--name` in `argv`, or `fallback` when the flag or its value is missing. */
export function flagValue<T extends string | undefined>(argv: readonly string[], name: string, fallback: T): string | T {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}

/**
 * The comma-separated names after `--name`: every one of `all` when the flag is missing, none for `none`; a name
 * not in `all` throws, naming it (a typo would otherwise leave its rows out in silence).
 */
export function flagList<T extends string>(argv: readonly string[], name: string, all: readonly T[]): T[] {
  const raw = flagValue(argv, name, undefined);
  if (raw === undefined) return [...all];
  if (raw === 'none') return [];
  const names = raw.split(',');
  const unknown = names.filter((item) => !(all as readonly string[]).includes(item));
  if (unknown.length > 0) throw new Error(`--${name} takes names from ${all.join(', ')}, or none. Received: ${unknown.join(', ')}`);
  return names as T[];
}
