import { promises as fs } from 'fs';
import * as path from 'path';
import { useTempDir, writeImage, writeText } from '../testing/fixtures';
import { decodeImage, imageSize } from './decode-image';

const dir = useTempDir();
const file = (name: string) => path.join(dir(), name);

describe('decodeImage', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('decodes %s to grey or RGB pixels', async (format) => {
    const image = await writeImage(file(`red.${format}`), { width: 4, height: 3, rgb: [255, 0, 0], format });
    const rgb = await decodeImage(image, { height: 3, width: 4, channels: 3 });
    expect(rgb.length).toBe(3 * 4 * 3);
    expect(Math.abs(rgb[0] - 255)).toBeLessThanOrEqual(2);
    expect(rgb[1]).toBeLessThanOrEqual(2);
    const grey = await decodeImage(image, { height: 3, width: 4, channels: 1 });
    expect(grey.length).toBe(12);
    expect(grey[0]).toBeGreaterThan(40); // red has a luminance well above black and below white
    expect(grey[0]).toBeLessThan(160);
  });

  it.each([
    ['fill', [4, 4]],
    ['cover', [4, 4]],
    ['contain', [4, 4]],
  ] as const)("resizes with fit '%s'", async (fit, [height, width]) => {
    const image = await writeImage(file('wide.png'), { width: 8, height: 4 });
    const pixels = await decodeImage(image, { height, width, channels: 1, fit });
    expect(pixels.length).toBe(height * width);
    // contain letterboxes the 2:1 image in black rows; cover and fill stay white
    expect(pixels[0]).toBe(fit === 'contain' ? 0 : 255);
  });

  it("is an error naming the file for an image of another size under fit 'exact'", async () => {
    const image = await writeImage(file('big.png'), { width: 5, height: 6 });
    await expect(decodeImage(image, { height: 28, width: 28, channels: 1 })).rejects.toThrow(
      `${image}: expected a 28×28 image (width × height), received 5×6 (set fit to resize it)`,
    );
  });

  it('is an error naming the file for a missing, empty or corrupt image', async () => {
    const missing = file('missing.png');
    await expect(decodeImage(missing, { height: 1, width: 1, channels: 1 })).rejects.toThrow(`${missing}: expected a PNG, JPEG or WebP image, received no file (it does not exist)`);
    const empty = await writeText(dir(), 'empty.png', '');
    await expect(decodeImage(empty, { height: 1, width: 1, channels: 1 })).rejects.toThrow(`${empty}: expected a PNG, JPEG or WebP image, received an empty file (0 bytes)`);
    const garbage = await writeText(dir(), 'garbage.png', 'not an image at all');
    await expect(decodeImage(garbage, { height: 1, width: 1, channels: 1 })).rejects.toThrow(`${garbage}: expected a PNG, JPEG or WebP image, received bytes that cannot be decoded`);
    const good = await fs.readFile(await writeImage(file('whole.png'), { width: 16, height: 16 }));
    const cut = file('cut.png');
    await fs.writeFile(cut, good.subarray(0, good.length - 30));
    await expect(decodeImage(cut, { height: 16, width: 16, channels: 1 })).rejects.toThrow(`${cut}: expected a complete PNG, JPEG or WebP image, received bytes that cannot be decoded`);
  });

  it('reads the size from the header', async () => {
    expect(await imageSize(await writeImage(file('size.webp'), { width: 7, height: 5, format: 'webp' }))).toEqual({ height: 5, width: 7 });
  });
});
