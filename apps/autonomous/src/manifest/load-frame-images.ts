import { atLocation, decodeImage, ImageFit } from '@mimo/data';
import { ManifestFrame } from './read-manifest';

/** A manifest frame with its decoded camera image. */
export interface LoadedFrame {
  id: string;
  /** `[size, size, 3]` RGB, uint8. */
  camera: Uint8Array;
  ranges: number[];
  label?: string;
}

export interface LoadImagesOptions {
  /** Side the model reads. Defaults to 32. */
  imageSize?: number;
  /** Images of another size: 'fill' stretches (default), 'exact' makes it an error, 'cover' / 'contain' as in @mimo/data. */
  fit?: ImageFit;
}

/**
 * Decodes every frame's camera image (sharp, RGB); an unreadable image is a DataError naming the manifest line and
 * the file. A frame without a camera (a LIDAR-only manifest) gets a black image, as a dropped camera does.
 */
export async function loadFrameImages(frames: readonly ManifestFrame[], options: LoadImagesOptions = {}): Promise<LoadedFrame[]> {
  const size = options.imageSize ?? 32;
  const loaded: LoadedFrame[] = [];
  for (const frame of frames) {
    const cameraPath = frame.cameraPath;
    let camera: Uint8Array = new Uint8Array(size * size * 3);
    if (cameraPath) camera = await atLocation({ ...frame.location, column: 'camera' }, () => decodeImage(cameraPath, { height: size, width: size, channels: 3, fit: options.fit ?? 'fill' }));
    loaded.push({ id: frame.id, camera, ranges: frame.ranges, label: frame.label });
  }
  return loaded;
}
