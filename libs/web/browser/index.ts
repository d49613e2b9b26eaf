// @mimo/web's browser entry (dist/public/mimo-browser.js, global `mimo`): a saved bundle in a browser with plain
// @tensorflow/tfjs (global `tf`): Mimo's custom layers, the bundle's TablePreprocessor or its app's decoder script to
// decode records, and answers in the heads' terms. See docs/web.md#in-the-browser.
export { loadBrowserBundle, predictRecords, decodeRecords, registerDecoder } from './browser-bundle';
export type { BrowserDecoder } from './app-decoder';
export type { BrowserBundle, BundleArtifacts } from './browser-bundle';
