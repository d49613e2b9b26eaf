import { promises as fs } from 'fs';
import * as path from 'path';
import sharp from 'sharp';

/** Writes `<base>.svg` and, rendered by sharp, `<base>.png`; returns both paths. */
export async function writeChart(base: string, svg: string): Promise<{ svg: string; png: string }> {
  await fs.mkdir(path.dirname(base), { recursive: true });
  const files = { svg: `${base}.svg`, png: `${base}.png` };
  await fs.writeFile(files.svg, svg);
  await sharp(Buffer.from(svg)).png().toFile(files.png);
  return files;
}
