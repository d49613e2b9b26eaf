import { promises as fs } from 'fs';
import * as path from 'path';
import sharp from 'sharp';
import { Frame } from '../scene/generate-scenes';

/**
 * Writes frames as a user would bring them: `<dir>/images/<id>.png` (via sharp) and `<dir>/manifest.csv`
 * with frame_id, camera, r1 … rN, label. Returns the manifest's path.
 */
export async function writeManifest(dir: string, frames: readonly Frame[]): Promise<string> {
  await fs.mkdir(path.join(dir, 'images'), { recursive: true });
  const beams = frames[0]?.ranges.length ?? 0;
  const lines = [['frame_id', 'camera', ...Array.from({ length: beams }, (_, i) => `r${i + 1}`), 'label'].join(',')];
  for (const frame of frames) {
    const size = Math.round(Math.sqrt(frame.camera.length / 3));
    const image = `images/${frame.id}.png`;
    await sharp(Buffer.from(frame.camera), { raw: { width: size, height: size, channels: 3 } }).png().toFile(path.join(dir, image));
    lines.push([frame.id, image, ...frame.ranges, frame.label].join(','));
  }
  const file = path.join(dir, 'manifest.csv');
  await fs.writeFile(file, `${lines.join('\n')}\n`);
  return file;
}
