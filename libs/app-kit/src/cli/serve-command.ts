import { loadServedModel, startServer } from '@mimo/serve';
import { AppPlugin } from '../plugin';
import { appRecordDecoder } from '../serving/app-record-decoder';

/**
 * `mimo <app> serve --model DIR [--port N] [--bench DIR]`: serves one bundle with the app's own record decoder
 * (records get the same answers as from `predict`), and the web app at `/`, until SIGINT / SIGTERM, then drains
 * requests in flight.
 */
export async function runServe(plugin: AppPlugin, options: { model: string; port: number; host?: string; bench?: string }): Promise<number> {
  const model = await loadServedModel(options.model, { decoderFor: (bundle) => appRecordDecoder(plugin, bundle), browserDecoderFor: () => plugin.browserDecoder });
  // A bundle of another app would start "ready" and then refuse every record: fail here, saying which app it is.
  const app = model.bundle.card.app;
  if (app !== plugin.name) {
    model.bundle.model.dispose();
    const which = typeof app === 'string' ? `the ${app} app (serve it with \`mimo ${app} serve\` or \`mimo serve\`)` : 'no app (serve it with `mimo serve`)';
    throw new Error(`${options.model} was trained by ${which}, not by ${plugin.name}`);
  }
  const server = await startServer({ models: [model], port: options.port, host: options.host, web: { benchDir: options.bench } });
  process.stderr.write(`serving ${options.model} at ${server.url} (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
