import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateFrames } from '../scene/generate-scenes';
import { loadFrameImages } from './load-frame-images';
import { readManifest } from './read-manifest';
import { writeManifest } from './write-manifest';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-images-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('loadFrameImages', () => {
  it('decodes the PNGs back to the rendered pixels (lossless)', async () => {
    const frames = generateFrames({ count: 2, seed: 3 });
    const loaded = await loadFrameImages(await readManifest(await writeManifest(dir, frames)));
    expect(loaded.map((f) => Buffer.from(f.camera).equals(Buffer.from(frames.map((g) => g.camera)[loaded.indexOf(f)])))).toEqual([true, true]);
    expect(loaded[1]).toMatchObject({ id: frames[1].id, ranges: frames[1].ranges, label: frames[1].label });
  });

  it('names the manifest line and the file of an image that cannot be decoded', async () => {
    const frames = await readManifest(await writeManifest(dir, generateFrames({ count: 2, seed: 3 })));
    await fs.writeFile(frames[1].cameraPath ?? '', 'not a png');
    await expect(loadFrameImages(frames)).rejects.toThrow(/manifest.csv:3: column "camera": .*scene_00001.png: expected a PNG, JPEG or WebP image, received bytes that cannot be decoded/);
  });

  it('resizes images of another size, or refuses them with fit exact', async () => {
    const frames = await readManifest(await writeManifest(dir, generateFrames({ count: 1, seed: 3 })));
    expect((await loadFrameImages(frames, { imageSize: 16 }))[0].camera).toHaveLength(16 * 16 * 3);
    await expect(loadFrameImages(frames, { imageSize: 16, fit: 'exact' })).rejects.toThrow(/expected a 16×16 image/);
  });
});
