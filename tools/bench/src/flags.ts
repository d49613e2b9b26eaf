/** The value after `--name` in `argv`, or `fallback` when the flag or its value is missing. */
export function flagValue<T extends string | undefined>(argv: readonly string[], name: string, fallback: T): string | T {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}
