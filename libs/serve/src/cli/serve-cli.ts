import { parseArgs } from 'util';
import { startServer } from '../http/start-server';
import { BrowserDecoderFactory, DecoderFactory } from '../model/load-served-model';
import { ModelRegistry } from '../model/model-registry';

export const serveUsage = `mimo serve --models DIR [flags]
  Serves every bundle in DIR (<DIR>/<name>/<version>/ or <DIR>/<name>/) over HTTP, TensorFlow Serving style;
  new versions are loaded as they appear. SIGTERM / SIGINT drain requests in flight, then exit.
  --models DIR          the models folder (required)
  --port N              default 8501 (0: any free port)
  --host H              default 127.0.0.1
  --max-batch N         dynamic batching: examples per forward pass (default 32)
  --batch-delay-ms N    dynamic batching: longest wait for more requests (default 2)
  --max-body-bytes N    default 10485760
  --max-instances N     examples per request (default 1024)
  --timeout-ms N        request timeout (default 30000)
  --poll-ms N           how often DIR is scanned for new versions (default 2000; 0: never)
  --cors a,b            allowed origins (default: CORS off)
  --bench DIR           a \`mimo bench\` output folder, for the web app's runs dashboard
  --no-web              the API alone, without the web app at /
  MIMO_API_TOKEN        when set, every route but /healthz and /readyz needs "Authorization: Bearer <token>"
                        (the web app: open /?token=<token> once)`;

export interface ServeCliOptions {
  /** The raw-record decoder of each bundle (an app passes its own); defaults to the bundle's TablePreprocessor. */
  decoderFor?: DecoderFactory;
  /** The browser script of each bundle's record decoder, for the web app (an app passes its own). */
  browserDecoderFor?: BrowserDecoderFactory;
  /** The models folder when --models is not given. */
  defaultModelsDir?: string;
  /** Stops the server like SIGTERM does (for tests and embedding). */
  signal?: AbortSignal;
  /** Told the URL once the server listens. Defaults to a line on stderr. */
  onListening?: (url: string) => void;
}

function count(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${flag}: expected a whole number ≥ 0, received ${JSON.stringify(value)}`);
  return n;
}

/** A TCP port: 0 (any free one) to 65535; Node's own error for 99999 would come only at listen time. */
function port(value: string | undefined): number {
  const n = count(value, 'port', 8501);
  if (n > 65535) throw new Error(`--port: expected a port from 0 to 65535, received ${JSON.stringify(value)}`);
  return n;
}

/** `mimo serve` (and an app's `serve` command): runs until SIGTERM, SIGINT or `signal`; resolves to the exit code. */
export async function serveCli(args: string[], options: ServeCliOptions = {}): Promise<number> {
  let config;
  try {
    const { values } = parseArgs({
      args,
      options: {
        models: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'max-batch': { type: 'string' },
        'batch-delay-ms': { type: 'string' },
        'max-body-bytes': { type: 'string' },
        'max-instances': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'poll-ms': { type: 'string' },
        cors: { type: 'string' },
        bench: { type: 'string' },
        'no-web': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      process.stdout.write(`${serveUsage}\n`);
      return 0;
    }
    const models = values.models ?? options.defaultModelsDir;
    if (!models) throw new Error('--models: expected the models folder, received nothing');
    config = {
      models,
      port: port(values.port),
      host: values.host ?? '127.0.0.1',
      batching: { maxBatchSize: Math.max(1, count(values['max-batch'], 'max-batch', 32)), maxDelayMs: count(values['batch-delay-ms'], 'batch-delay-ms', 2) },
      maxBodyBytes: count(values['max-body-bytes'], 'max-body-bytes', 10 * 1024 * 1024),
      maxInstances: Math.max(1, count(values['max-instances'], 'max-instances', 1024)),
      requestTimeoutMs: Math.max(1, count(values['timeout-ms'], 'timeout-ms', 30_000)),
      pollMs: count(values['poll-ms'], 'poll-ms', 2000),
      cors: values.cors?.split(',').map((s) => s.trim()).filter(Boolean),
      web: values['no-web'] ? (false as const) : { benchDir: values.bench },
    };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${serveUsage}\n`);
    return 2;
  }
  let registry: ModelRegistry;
  try {
    registry = await ModelRegistry.open(config.models, { batching: config.batching, pollMs: config.pollMs, decoderFor: options.decoderFor, browserDecoderFor: options.browserDecoderFor });
  } catch (error) {
    process.stderr.write(`mimo serve: cannot read ${config.models}: ${(error as Error).message}\n`);
    return 1;
  }
  const server = await startServer({ ...config, models: registry });
  const names = registry.list().map((m) => `${m.name}@${m.version}`);
  (options.onListening ?? ((url) => process.stderr.write(`mimo serve: ${url} serving ${names.join(', ') || 'no model yet'}\n`)))(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      options.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    options.signal?.addEventListener('abort', stop);
    if (options.signal?.aborted) stop();
  });
  await server.close();
  return 0;
}
