// Builds the web app's static files into dist/public: the page (index.html, app.css, app.js with Chart.js), the
// browser entry (mimo-browser.js, global `mimo`) and plain tfjs (tf.min.js, global `tf`), so that it works offline.
import { build, Plugin } from 'esbuild';
import { copyFileSync, mkdirSync } from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const out = path.join(__dirname, 'dist', 'public');

// Mimo's libraries also hold Node-only code (files, sharp, natural's corpora); what the browser entry reaches
// never calls it, so those modules resolve to a stub that throws if it ever were; `path` and image decoding
// have browser stand-ins.
const NODE_ONLY = /^(fs|fs\/promises|os|crypto|child_process|worker_threads|url|util|stream|zlib|http|https|net|events|sharp|@node-rs\/crc32|express|busboy|prom-client)$/;
const browserSafe: Plugin = {
  name: 'mimo-browser-safe',
  setup(b) {
    b.onResolve({ filter: /^@tensorflow\/tfjs$/ }, () => ({ path: 'tf', namespace: 'global-tf' }));
    b.onLoad({ filter: /.*/, namespace: 'global-tf' }, () => ({ contents: 'module.exports = globalThis.tf;', loader: 'js' }));
    b.onResolve({ filter: NODE_ONLY }, (args) => ({ path: args.path, namespace: 'node-only' }));
    b.onLoad({ filter: /.*/, namespace: 'node-only' }, (args) => ({
      contents: `module.exports = new Proxy({}, { get(_, key) { if (key === '__esModule') return false; throw new Error(${JSON.stringify(`${args.path} is not available in the browser`)}); } });`,
      loader: 'js',
    }));
    // Paths and images: browser stand-ins with the same exports (images decoded by the browser, not sharp).
    b.onResolve({ filter: /^path$/ }, () => ({ path: path.join(__dirname, 'browser', 'path-shim.ts') }));
    b.onResolve({ filter: /(^|\/)decode-image$/ }, (args) => (args.importer.includes(path.join('libs', 'data', 'src')) ? { path: path.join(__dirname, 'browser', 'decode-image.ts') } : undefined));
    // The tokenizer needs three of natural's modules, not its corpora and classifiers.
    b.onResolve({ filter: /^natural$/ }, () => ({ path: path.join(__dirname, 'browser', 'natural-subset.js') }));
  },
};

// Settings read from `process.env` (threads, debug switches) are simply unset in a browser.
const BROWSER_PROCESS = 'var process = globalThis.process || { env: {} };';

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const common = { bundle: true, minify: true, sourcemap: true, target: 'es2020', tsconfig: path.join(root, 'tsconfig.base.json'), logLevel: 'warning' as const };
  const browser = await build({ ...common, metafile: true, entryPoints: [path.join(__dirname, 'browser', 'index.ts')], outfile: path.join(out, 'mimo-browser.js'), format: 'iife', globalName: 'mimo', platform: 'browser', plugins: [browserSafe], banner: { js: BROWSER_PROCESS } });
  if (process.env.MIMO_WEB_META) require('fs').writeFileSync(process.env.MIMO_WEB_META, JSON.stringify(browser.metafile));
  await build({ ...common, entryPoints: [path.join(__dirname, 'client', 'main.ts')], outfile: path.join(out, 'app.js'), format: 'iife', platform: 'browser' });
  for (const file of ['index.html', 'app.css']) copyFileSync(path.join(__dirname, 'client', file), path.join(out, file));
  copyFileSync(require.resolve('@tensorflow/tfjs/dist/tf.min.js'), path.join(out, 'tf.min.js'));
}

main().catch((error) => {
  process.stderr.write(`build-client: ${(error as Error).message}\n`);
  process.exit(1);
});
