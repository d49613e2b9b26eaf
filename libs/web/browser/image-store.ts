/** Image bytes of the records being decoded, under the keys that stand in for file paths in the browser. */
export const imageBytes = new Map<string, Uint8Array>();

/** A key for an image: the browser's `path.resolve` keeps it as it is. */
export const IMAGE_KEY_PREFIX = 'mimo-image:';
