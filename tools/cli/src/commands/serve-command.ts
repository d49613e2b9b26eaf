import { appBrowserDecoderFactory, appDecoderFactory } from '@mimo/app-kit';
import { serveCli } from '@mimo/serve';
import { loadAppPlugins } from '../apps';

/** `mimo serve --models DIR`: every bundle in a folder over HTTP (docs/serving.md), each with its app's record decoder. */
export async function serveCommand(args: string[]): Promise<number> {
  const plugins = await loadAppPlugins();
  return serveCli(args, { decoderFor: appDecoderFactory(plugins), browserDecoderFor: appBrowserDecoderFactory(plugins) });
}
