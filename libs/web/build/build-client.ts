// Builds the web app's static files into dist/public: the page (index.html, app.css, app.js with Chart.js), the
// browser entry (mimo-browser.js, global `mimo`) and plain tfjs (tf.min.js, global `tf`), so that it works offline.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'fs';
import * as path from 'path';
import { bundleForBrowser, runBuild } from './browser-build';

const web = path.resolve(__dirname, '..');
const out = path.join(web, 'dist', 'public');

runBuild('build-client', async () => {
  mkdirSync(out, { recursive: true });
  await bundleForBrowser(path.join(web, 'browser', 'index.ts'), path.join(out, 'mimo-browser.js'), 'mimo');
  await build({ entryPoints: [path.join(web, 'client', 'main.ts')], outfile: path.join(out, 'app.js'), bundle: true, minify: true, sourcemap: true, target: 'es2020', format: 'iife', platform: 'browser', logLevel: 'warning' });
  for (const file of ['index.html', 'app.css']) copyFileSync(path.join(web, 'client', file), path.join(out, file));
  copyFileSync(require.resolve('@tensorflow/tfjs/dist/tf.min.js'), path.join(out, 'tf.min.js'));
});
