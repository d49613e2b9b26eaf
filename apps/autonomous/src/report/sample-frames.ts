import * as path from 'path';
import sharp from 'sharp';
import { generateFrames } from '../scene/generate-scenes';

/**
 * Writes `<dir>/sample-frames.png`: the first `count` generated scenes (seed 42) side by side, each 32×32 camera
 * image scaled ×`scale` (nearest neighbour). Returns the file and the frames' labels, left to right.
 */
export async function writeSampleFrames(dir: string, count = 8, scale = 4): Promise<{ file: string; labels: string[] }> {
  const frames = generateFrames({ count, seed: 42 });
  const size = 32;
  const strip = Buffer.alloc(size * size * 3 * count);
  frames.forEach((frame, i) => {
    for (let y = 0; y < size; y++) Buffer.from(frame.camera.subarray(y * size * 3, (y + 1) * size * 3)).copy(strip, (y * size * count + i * size) * 3);
  });
  const file = path.join(dir, 'sample-frames.png');
  await sharp(strip, { raw: { width: size * count, height: size, channels: 3 } }).resize(size * count * scale, size * scale, { kernel: 'nearest' }).png().toFile(file);
  return { file, labels: frames.map((f) => f.label) };
}
