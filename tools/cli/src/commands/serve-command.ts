/**
 * `mimo serve --models DIR`: every bundle in a folder over HTTP (see docs/serving.md). @mimo/serve is required
 * only when the command runs, so the other commands start without Express and the data library.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const { serveCli } = require('@mimo/serve') as typeof import('@mimo/serve');
  return serveCli(args);
}
