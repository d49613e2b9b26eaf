import { promises as fs } from 'fs';
import sharp from 'sharp';
import { DataError } from '../errors/data-error';
import { ImageFit } from '../tabular/table-schema';

export interface ImageDecodeOptions {
  height: number;
  width: number;
  /** 1: grey; 3: RGB. Alpha is always dropped. */
  channels: 1 | 3;
  /** How an image of another size is handled. Defaults to 'exact' (an error). */
  fit?: ImageFit;
}

export interface ImageSize {
  height: number;
  width: number;
}

const FORMATS = ['png', 'jpeg', 'webp'];
const EXPECTED = 'a PNG, JPEG or WebP image';

async function readImageBytes(file: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError({ file }, code === 'ENOENT' ? `expected ${EXPECTED}, received no file (it does not exist)` : `cannot read the image: ${(error as Error).message}`);
  }
  if (bytes.length === 0) throw new DataError({ file }, `expected ${EXPECTED}, received an empty file (0 bytes)`);
  return bytes;
}

async function readSize(file: string, bytes: Buffer): Promise<ImageSize> {
  let metadata: { format?: string; height?: number; width?: number };
  try {
    metadata = await sharp(bytes).metadata();
  } catch (error) {
    throw new DataError({ file }, `expected ${EXPECTED}, received bytes that cannot be decoded (${(error as Error).message})`);
  }
  if (!FORMATS.includes(metadata.format ?? '')) throw new DataError({ file }, `expected ${EXPECTED}, received a ${metadata.format} image`);
  return { height: metadata.height ?? 0, width: metadata.width ?? 0 };
}

/** Height and width of an image file, from its header (the file must be PNG, JPEG or WebP). */
export async function imageSize(file: string): Promise<ImageSize> {
  return readSize(file, await readImageBytes(file));
}

/**
 * Decodes an image file with sharp into raw pixels `[height, width, channels]` uint8, resized as `fit` says.
 * A missing, empty, corrupt or (with fit 'exact') wrongly sized image is a DataError naming the file.
 */
export async function decodeImage(file: string, options: ImageDecodeOptions): Promise<Uint8Array> {
  const { height, width, channels } = options;
  const fit = options.fit ?? 'exact';
  const bytes = await readImageBytes(file);
  const size = await readSize(file, bytes);
  if (fit === 'exact' && (size.height !== height || size.width !== width)) {
    throw new DataError({ file }, `expected a ${width}×${height} image (width × height), received ${size.width}×${size.height} (set fit to resize it)`);
  }
  let pipeline = sharp(bytes).removeAlpha();
  if (fit !== 'exact') pipeline = pipeline.resize(width, height, { fit, background: { r: 0, g: 0, b: 0 } });
  pipeline = pipeline.toColourspace(channels === 1 ? 'b-w' : 'srgb');
  try {
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== channels) throw new Error(`sharp gave ${info.channels} channels`);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (error) {
    throw new DataError({ file }, `expected a complete PNG, JPEG or WebP image, received bytes that cannot be decoded (${(error as Error).message})`);
  }
}
