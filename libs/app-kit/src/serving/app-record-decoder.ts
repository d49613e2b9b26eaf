import { Bundle } from '@mimo/core';
import { BrowserDecoderFactory, DecoderFactory, RecordDecoder, tableRecordDecoder, withRecordFiles } from '@mimo/serve';
import { existsSync } from 'fs';
import * as path from 'path';
import { AppPlugin } from '../plugin';

/**
 * The server's raw-record decoder for a bundle of `plugin`: the same `decodeRecords` its `predict` command uses,
 * so a record gets the same answer over HTTP as from the CLI. The plugin's `recordFiles` fields carry base64
 * bytes instead of paths (`withRecordFiles`). A plugin without its own decoder uses the table decoder.
 */
export function appRecordDecoder(plugin: AppPlugin, bundle: Bundle): RecordDecoder | undefined {
  const decode = plugin.decodeRecords;
  if (!decode) return tableRecordDecoder(bundle.preprocessing);
  const saved = { preprocessing: bundle.preprocessing, spec: bundle.spec };
  return (records) => withRecordFiles(records, plugin.recordFiles ?? [], (copies, dir) => decode(copies, saved, dir));
}

/** The built browser script of an app's record decoder (`<app folder>/dist/browser/decoder.js`), if it is built. */
export function builtBrowserDecoder(appFolder: string): string | undefined {
  const file = path.join(appFolder, 'dist', 'browser', 'decoder.js');
  return existsSync(file) ? file : undefined;
}

/** Picks each bundle's browser decoder script by the app its model card names (`card.app`). */
export function appBrowserDecoderFactory(plugins: readonly AppPlugin[]): BrowserDecoderFactory {
  return (bundle) => plugins.find((p) => p.name === bundle.card.app)?.browserDecoder;
}

/** Picks each bundle's decoder by the app its model card names (`card.app`); other bundles get the table decoder. */
export function appDecoderFactory(plugins: readonly AppPlugin[]): DecoderFactory {
  return (bundle) => {
    const plugin = plugins.find((p) => p.name === bundle.card.app);
    return plugin ? appRecordDecoder(plugin, bundle) : tableRecordDecoder(bundle.preprocessing);
  };
}
