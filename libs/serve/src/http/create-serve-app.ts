import express from 'express';
import { ModelRegistry } from '../model/model-registry';
import { ServedModel } from '../model/served-model';
import { BatchingOptions } from '../predict/dynamic-batcher';
import { bearerAuth } from './auth';
import { corsFor } from './cors';
import { createServeMetrics, ServeMetrics } from './metrics';
import { multipartRecord } from './multipart-record';
import { openApiDocument } from './openapi';
import { findModel, predictHandler } from './predict-handler';
import { requestTimeout } from './request-timeout';
import { describeValue, RequestError } from '../predict/request-error';
import { refuseDuplicateKeys } from './refuse-duplicate-keys';
import { sendAnyError, sendError } from './send-error';
import { webRoutes, WebOptions } from './web-routes';

export interface ServeOptions {
  /** The models to serve: a list (served as given) or a registry (e.g. `ModelRegistry.open(dir)`, hot reloading). */
  models: readonly ServedModel[] | ModelRegistry;
  /** Largest request body in bytes. Defaults to 10 MiB. */
  maxBodyBytes?: number;
  /** Most examples (instances, rows, records) per request. Defaults to 1024. */
  maxInstances?: number;
  /** Dynamic batching, for a list of models (a registry has its own). Defaults to 32 examples / 2 ms. */
  batching?: BatchingOptions;
  /** Bearer token every route but /healthz and /readyz requires. Defaults to `MIMO_API_TOKEN`; '' turns auth off. */
  apiToken?: string;
  /** Origins allowed by CORS (`*` for any). Defaults to none: CORS off. */
  cors?: readonly string[];
  /** Longest a request may take before a 503 `timeout` answer, in ms. Defaults to 30000. */
  requestTimeoutMs?: number;
  /** The web app at `/` (docs/web.md): its options, or false for the API alone. Defaults to on. */
  web?: WebOptions | false;
}

/** What a running server shares with its routes: the models, the metrics, and whether it is draining. */
export interface ServeState {
  registry: ModelRegistry;
  metrics: ServeMetrics;
  draining: boolean;
  inflight: number;
}

const OPEN_PATHS = ['/healthz', '/readyz'];
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

/** The state behind an app made by `createServeApp`. */
export function serveStateOf(app: express.Express): ServeState {
  return app.locals.mimo as ServeState;
}

function routeOf(path: string): string {
  if (path.startsWith('/v1/models/')) {
    if (['/metadata', '/artifacts', '/decoder.js'].some((end) => path.endsWith(end))) return path.slice(path.lastIndexOf('/') + 1);
    return path.includes(':') ? (path.endsWith(':explain') ? 'explain' : 'predict') : 'status';
  }
  if (path === '/' || path.startsWith('/web/')) return 'web';
  return ['/healthz', '/readyz', '/metrics', '/openapi.json', '/v1/bench'].includes(path) ? path.slice(path.lastIndexOf('/') + 1) : 'other';
}

/**
 * The HTTP API (TensorFlow Serving's REST API plus raw records, health, metrics and OpenAPI) as an Express app.
 * See docs/serving.md.
 */
export function createServeApp(options: ServeOptions): express.Express {
  const registry = options.models instanceof ModelRegistry ? options.models : ModelRegistry.fromModels(options.models, { batching: options.batching });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const metrics = createServeMetrics();
  const state: ServeState = { registry, metrics, draining: false, inflight: 0 };
  registry.onBatch((model, size) => metrics.batchSize.observe({ model }, size));
  const app = express();
  app.disable('x-powered-by');
  app.set('env', 'production');
  app.locals.mimo = state;

  app.use((req, res, next) => {
    const stop = metrics.latency.startTimer();
    state.inflight++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      state.inflight--;
      const labels = { route: routeOf(req.path), model: typeof res.locals.model === 'string' ? res.locals.model : '' };
      stop(labels);
      metrics.requests.inc({ ...labels, status: String(res.statusCode) });
      if (typeof res.locals.errorCode === 'string') metrics.errors.inc({ code: res.locals.errorCode });
    };
    res.on('finish', finish);
    res.on('close', finish);
    next();
  });
  app.use(requestTimeout(options.requestTimeoutMs ?? 30_000));
  if (options.cors && options.cors.length > 0) app.use(corsFor(options.cors));
  const token = options.apiToken ?? process.env.MIMO_API_TOKEN ?? '';
  if (token) app.use(bearerAuth(token, OPEN_PATHS));

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', (_req, res) => {
    const models = registry.list().length;
    if (state.draining || models === 0) return sendError(res, 503, 'unavailable', state.draining ? 'the server is draining' : 'no model is loaded yet');
    res.json({ status: 'ready', models });
  });
  app.get('/metrics', async (_req, res, next) => {
    try {
      res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
    } catch (error) {
      next(error);
    }
  });
  app.get('/openapi.json', (_req, res) => void res.json(openApiDocument(registry.list())));
  if (options.web !== false) app.use(webRoutes(registry, options.web ?? {}));
  app.get('/v1/models', (_req, res) => void res.json({ models: registry.list().map((m) => ({ name: m.name, version: m.version })) }));
  app.get('/v1/models/:name', (req, res) => {
    try {
      if (req.params.name.includes(':')) {
        res.set('Allow', 'POST');
        throw new RequestError(405, 'method_not_allowed', `expected POST for ${describeValue(req.params.name)}, received GET`, 'method');
      }
      const model = findModel(registry, req.params.name);
      res.locals.model = model.name;
      res.json({ model_version_status: [{ version: model.version, state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }] });
    } catch (error) {
      sendAnyError(res, error);
    }
  });
  app.get('/v1/models/:name/metadata', (req, res) => {
    try {
      const model = findModel(registry, req.params.name);
      res.locals.model = model.name;
      res.json(model.metadata);
    } catch (error) {
      sendAnyError(res, error);
    }
  });
  app.post(
    '/v1/models/:target',
    (req, res, next) => {
      if (state.draining) return sendError(res, 503, 'unavailable', 'the server is draining');
      if (!req.is('application/json') && !req.is('multipart/form-data')) {
        return sendError(res, 415, 'unsupported_media_type', `expected Content-Type application/json or multipart/form-data, received ${req.get('content-type') ?? 'none'}`, 'content-type');
      }
      next();
    },
    express.json({ limit: maxBodyBytes, strict: true, verify: refuseDuplicateKeys }),
    multipartRecord(maxBodyBytes),
    predictHandler(registry, options.maxInstances ?? 1024),
  );
  app.use((req, res) => sendError(res, 404, 'not_found', `no route ${req.method} ${req.path.slice(0, 100)}`, 'url'));
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => sendAnyError(res, error));
  return app;
}
