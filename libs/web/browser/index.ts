// @mimo/web's browser entry (dist/public/mimo-browser.js, global `mimo`): a saved bundle in a browser with plain
// @tensorflow/tfjs (global `tf`): Mimo's custom layers, the bundle's TablePreprocessor to decode records, and
// answers in the heads' terms. See docs/web.md#in-the-browser.
export { loadBrowserBundle, predictRecords, decodeRecords } from './browser-bundle';
export type { BrowserBundle, BundleArtifacts } from './browser-bundle';
