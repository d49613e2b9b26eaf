import * as tf from '@tensorflow/tfjs';
import express from 'express';
import { promises as fs } from 'fs';
import * as path from 'path';
import { modelArtifacts } from '@mimo/core/internal';
import { webAssetsDir } from '@mimo/web';
import { ModelRegistry } from '../model/model-registry';
import { ModelVersion } from '../model/model-version';
import { RequestError } from '../predict/request-error';
import { findModel } from './predict-handler';
import { sendAnyError } from './send-error';

export interface WebOptions {
  /** The built web app; defaults to @mimo/web's `webAssetsDir()`. */
  assetsDir?: string;
  /** A `mimo bench` output folder (its results.json) for the runs dashboard. */
  benchDir?: string;
}

/**
 * The web app (docs/web.md): the page at `/` and its files at `/web/…`, a bundle's artifacts and its app's record
 * decoder for running it in the browser (`GET /v1/models/{name}/artifacts`, `…/decoder.js`) and the bench results
 * (`GET /v1/bench`).
 */
export function webRoutes(registry: ModelRegistry, options: WebOptions): express.Router {
  const router = express.Router();
  // Found on first use, so that an API-only server starts without the web app built.
  let assets: { dir: string; files: express.RequestHandler } | undefined;
  const webAssets = () => {
    if (!assets) {
      const dir = options.assetsDir ?? webAssetsDir();
      assets = { dir, files: express.static(dir, { index: false, fallthrough: false, maxAge: 0 }) };
    }
    return assets;
  };
  const unavailable = (res: express.Response, error: unknown) => sendAnyError(res, new RequestError(503, 'unavailable', (error as Error).message, 'url'));
  router.get('/', (_req, res) => {
    try {
      res.sendFile(path.join(webAssets().dir, 'index.html'));
    } catch (error) {
      unavailable(res, error);
    }
  });
  router.use('/web', (req, res, next) => {
    try {
      webAssets().files(req, res, next);
    } catch (error) {
      unavailable(res, error);
    }
  });
  router.get('/v1/models/:name/artifacts', async (req, res) => {
    let model: ModelVersion | undefined;
    try {
      model = findModel(registry, req.params.name).acquire();
      res.locals.model = model.name;
      const { bundle } = model.served;
      const artifacts = await modelArtifacts(bundle.model);
      const weights = Buffer.from(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      res.json({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs, weightData: weights.toString('base64'), spec: bundle.spec, preprocessing: bundle.preprocessing, card: model.metadata.card });
    } catch (error) {
      sendAnyError(res, error);
    } finally {
      model?.release();
    }
  });
  router.get('/v1/models/:name/decoder.js', (req, res) => {
    try {
      const model = findModel(registry, req.params.name);
      res.locals.model = model.name;
      const file = model.served.browserDecoder;
      if (!file) throw new RequestError(404, 'not_found', `${model.name} has no browser decoder: its records decode with its TablePreprocessor, which mimo-browser.js holds`, 'url');
      res.type('application/javascript').sendFile(file, (error) => error && !res.headersSent && sendAnyError(res, new RequestError(503, 'unavailable', `the browser decoder of ${model.name} is not built (${file})`, 'url')));
    } catch (error) {
      sendAnyError(res, error);
    }
  });
  router.get('/v1/bench', async (_req, res) => {
    try {
      if (!options.benchDir) throw new RequestError(404, 'no_bench', 'this server was started without bench results: pass --bench DIR (a `mimo bench` output folder)', 'url');
      const file = path.join(options.benchDir, 'results.json');
      const text = await fs.readFile(file, 'utf8').catch(() => {
        throw new RequestError(404, 'no_bench', `no bench results at ${file}: run \`mimo bench --out ${options.benchDir}\` first`, 'url');
      });
      res.type('json').send(text);
    } catch (error) {
      sendAnyError(res, error);
    }
  });
  return router;
}
