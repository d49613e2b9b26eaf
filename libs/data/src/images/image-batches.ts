import * as tf from '@tensorflow/tfjs';
import { decodeImage, ImageDecodeOptions } from './decode-image';
import { normalizePixels, PixelNormalization } from './pixels';

/** An image file and, when known, its label. */
export interface ImageItem {
  path: string;
  label?: string;
}

export interface ImageBatch {
  /** `[batch, height, width, channels]` float32, normalised. */
  images: tf.Tensor4D;
  items: ImageItem[];
}

export interface ImageBatchOptions extends ImageDecodeOptions {
  /** Images per batch. Defaults to 32. */
  batchSize?: number;
  /** How pixels are scaled. Defaults to { mode: 'unit' } (/ 255). */
  normalization?: PixelNormalization;
}

/** Decodes files (in parallel, sharp uses its own threads) into one `[n, h, w, c]` float32 tensor. */
export async function decodeImages(files: readonly string[], options: ImageDecodeOptions, normalization: PixelNormalization = { mode: 'unit' }): Promise<tf.Tensor4D> {
  const { height, width, channels } = options;
  const size = height * width * channels;
  const out = new Float32Array(files.length * size);
  const pixels = await Promise.all(files.map((file) => decodeImage(file, options)));
  pixels.forEach((p, i) => normalizePixels(p, channels, normalization, out, i * size));
  return tf.tensor4d(out, [files.length, height, width, channels], 'float32');
}

/**
 * Streams a large image set batch by batch: only one batch of decoded pixels is in memory at a time.
 * The caller disposes each batch's tensor.
 */
export async function* imageBatches(items: readonly ImageItem[], options: ImageBatchOptions): AsyncGenerator<ImageBatch> {
  const batchSize = options.batchSize ?? 32;
  for (let start = 0; start < items.length; start += batchSize) {
    const batch = items.slice(start, start + batchSize);
    yield { images: await decodeImages(batch.map((item) => item.path), options, options.normalization), items: batch };
  }
}
