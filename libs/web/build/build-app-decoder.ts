// `tsx libs/web/build/build-app-decoder.ts <app folder>`: bundles the app's browser/decoder.ts (its record decoder,
// registered with mimo-browser.js) into dist/browser/decoder.js for the web app's "run in this browser".
import * as path from 'path';
import { bundleForBrowser, runBuild } from './browser-build';

runBuild('build-app-decoder', async () => {
  const app = process.argv[2];
  if (!app) throw new Error('expected the app folder, e.g. apps/finance');
  await bundleForBrowser(path.resolve(app, 'browser', 'decoder.ts'), path.resolve(app, 'dist', 'browser', 'decoder.js'));
});
