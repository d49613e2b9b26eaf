// What an app's browser decoder (apps/<app>/browser/decoder.ts, built into the app's dist/browser/decoder.js)
// hands to mimo-browser.js: imported by those entries as '@mimo/web/app-decoder', which holds no other code.
import type * as tf from '@tensorflow/tfjs';

/** An app's own record decoder, for bundles whose card names the app. */
export interface BrowserDecoder {
  app: string;
  /** Record fields that hold file bytes (base64 in a browser): passed to `decode` as keys that stand in for paths. */
  recordFiles: string[];
  decode(records: Record<string, unknown>[], saved: { preprocessing?: unknown; spec: unknown }): Promise<Record<string, tf.Tensor>>;
}

/** Registers an app's decoder with the page's mimo-browser.js (loaded first: it defines the global `mimo`). */
export function registerWithMimo(decoder: BrowserDecoder): void {
  const mimo = (globalThis as { mimo?: { registerDecoder?: (d: BrowserDecoder) => void } }).mimo;
  if (!mimo?.registerDecoder) throw new Error(`the ${decoder.app} decoder needs mimo-browser.js loaded first`);
  mimo.registerDecoder(decoder);
}
