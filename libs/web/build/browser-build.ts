// esbuild settings for Mimo code that runs in a browser: the browser entry (mimo-browser.js) and the apps' record
// decoders (apps/<app>/browser/decoder.ts), each one IIFE over the browser's global `tf` (plain tfjs).
import { build, Plugin } from 'esbuild';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');
const browserDir = path.resolve(__dirname, '..', 'browser');

// Mimo's libraries also hold Node-only code (files, sharp, natural's corpora); what a browser build reaches never
// calls it, so those modules resolve to a stub that throws if it ever were. `path` and image decoding have browser
// stand-ins with the same exports (images decoded by the browser, not sharp).
const NODE_ONLY = /^(fs|fs\/promises|os|crypto|child_process|worker_threads|url|util|stream|zlib|http|https|net|events|sharp|csv-parse|@node-rs\/crc32|express|busboy|prom-client)$/;
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
    b.onResolve({ filter: /^path$/ }, () => ({ path: path.join(browserDir, 'path-shim.ts') }));
    b.onResolve({ filter: /(^|\/)decode-image$/ }, (args) => (args.importer.includes(path.join('libs', 'data', 'src')) ? { path: path.join(browserDir, 'decode-image.ts') } : undefined));
    // The tokenizer needs three of natural's modules, not its corpora and classifiers.
    b.onResolve({ filter: /^natural$/ }, () => ({ path: path.join(browserDir, 'natural-subset.js') }));
  },
};

// Settings read from `process.env` (threads, debug switches) are simply unset in a browser.
const BROWSER_PROCESS = 'var process = globalThis.process || { env: {} };';

/** Bundles `entry` (TypeScript, Mimo's sources through tsconfig paths) into one minified browser script. */
export async function bundleForBrowser(entry: string, outfile: string, globalName?: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: true,
    target: 'es2020',
    format: 'iife',
    ...(globalName ? { globalName } : {}),
    platform: 'browser',
    tsconfig: path.join(root, 'tsconfig.base.json'),
    logLevel: 'warning',
    plugins: [browserSafe],
    banner: { js: BROWSER_PROCESS },
  });
}

/** Runs a build's main, exiting 1 with its message on failure. */
export function runBuild(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${name}: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
