import { AddressInfo } from 'net';
import { createServeApp, serveStateOf, ServeOptions } from './create-serve-app';

export interface StartServerOptions extends ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1 (loopback only). */
  host?: string;
  /** How long `close` waits for requests in flight before cutting connections, in ms. Defaults to 30000. */
  drainTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Requests being answered now. */
  inflight(): number;
  /** Stops accepting requests, answers those in flight, closes connections and frees the models. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the API on `host:port`; resolves once it listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = createServeApp(options);
  const state = serveStateOf(app);
  const host = options.host ?? '127.0.0.1';
  const server = app.listen(options.port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = (options.requestTimeoutMs ?? 30_000) + 5_000;
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = async () => {
    state.draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const deadline = Date.now() + (options.drainTimeoutMs ?? 30_000);
    while (state.inflight > 0 && Date.now() < deadline) {
      server.closeIdleConnections();
      await sleep(10);
    }
    server.closeIdleConnections();
    server.closeAllConnections();
    await closed;
    await state.registry.close();
  };
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, inflight: () => state.inflight, close: () => (closing ??= close()) };
}
