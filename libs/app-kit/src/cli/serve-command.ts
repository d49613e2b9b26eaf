import { AppPlugin } from '../plugin';

interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** The slice of `@mimo/serve` the kit calls; read at run time so the kit works (and says so) without it. */
interface ServeModule {
  loadServedModel(dir: string): Promise<unknown>;
  startServer(options: { models: unknown[]; port: number; host?: string }): Promise<RunningServer>;
}

function serveModule(): ServeModule | undefined {
  try {
    const name = '@mimo/serve';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(name) as Partial<ServeModule>;
    return typeof mod.startServer === 'function' && typeof mod.loadServedModel === 'function' ? (mod as ServeModule) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `mimo <app> serve --model DIR [--port N]`: loads the bundle through `@mimo/serve` (`loadServedModel`,
 * `startServer`) and serves until SIGINT / SIGTERM. Without a built `@mimo/serve` it says so and exits 2.
 */
export async function runServe(plugin: AppPlugin, options: { model: string; port: number; host?: string }): Promise<number> {
  const serve = serveModule();
  if (!serve) {
    process.stderr.write(`mimo ${plugin.name} serve: not built yet: @mimo/serve (libs/serve) does not export loadServedModel and startServer yet\n`);
    return 2;
  }
  const model = await serve.loadServedModel(options.model);
  const server = await serve.startServer({ models: [model], port: options.port, host: options.host });
  process.stderr.write(`serving ${options.model} at ${server.url} (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
