// The browser's stand-in for @mimo/data's decode-image (sharp): the same exports, decoding with the browser's own
// image decoder and canvas. Pixels equal sharp's for images already at the model's size and colour (a grey PNG for
// a grey model); other images are resized and converted by the canvas and can differ slightly (docs/web.md).
import { DataError } from '@mimo/data';
import { imageBytes } from './image-store';

export interface ImageDecodeOptions {
  height: number;
  width: number;
  channels: 1 | 3;
  fit?: 'exact' | 'fill' | 'contain' | 'cover';
}

export interface ImageSize {
  height: number;
  width: number;
}

async function bitmapOf(file: string): Promise<ImageBitmap> {
  const bytes = imageBytes.get(file);
  if (!bytes) throw new DataError({ file }, 'expected an image, received no image bytes');
  try {
    return await createImageBitmap(new Blob([bytes as BlobPart]));
  } catch (error) {
    throw new DataError({ file }, `expected a PNG, JPEG or WebP image, received bytes that cannot be decoded (${(error as Error).message})`);
  }
}

export async function imageSize(file: string): Promise<ImageSize> {
  const bitmap = await bitmapOf(file);
  return { height: bitmap.height, width: bitmap.width };
}

export async function decodeImage(file: string, options: ImageDecodeOptions): Promise<Uint8Array> {
  const { height, width, channels } = options;
  const bitmap = await bitmapOf(file);
  if ((options.fit ?? 'exact') === 'exact' && (bitmap.height !== height || bitmap.width !== width)) {
    throw new DataError({ file }, `expected a ${width}×${height} image (width × height), received ${bitmap.width}×${bitmap.height} (set fit to resize it)`);
  }
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser has no 2D canvas');
  context.drawImage(bitmap, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  const out = new Uint8Array(height * width * channels);
  for (let p = 0; p < height * width; p++) {
    const [r, g, b] = [rgba[p * 4], rgba[p * 4 + 1], rgba[p * 4 + 2]];
    if (channels === 3) out.set([r, g, b], p * 3);
    else out[p] = Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b);
  }
  return out;
}
