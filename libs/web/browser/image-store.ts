/**
 * Image bytes of the records being decoded, under keys that stand in for file paths in the browser. One map for
 * mimo-browser.js and the apps' decoder scripts, which each bundle their own copy of this module: it lives on the
 * page's global object.
 */
export const imageBytes: Map<string, Uint8Array> = ((globalThis as { mimoImageBytes?: Map<string, Uint8Array> }).mimoImageBytes ??= new Map());

/** A key for an image: the browser's `path.resolve` keeps it as it is. */
export const IMAGE_KEY_PREFIX = 'mimo-image:';
