import * as path from 'path';
import { DataError } from '../errors/data-error';
import { useTempDir, writeImage, writeText } from '../testing/fixtures';
import { imagesFromArray, imagesFromClassFolders, imagesFromManifest } from './image-sources';

const dir = useTempDir();

describe('image sources', () => {
  it('lists a folder per class, sorted, with each image labelled by its folder', async () => {
    const root = path.join(dir(), 'classes');
    await writeImage(path.join(root, 'normal', 'b.png'), { width: 2, height: 2 });
    await writeImage(path.join(root, 'normal', 'a.jpg'), { width: 2, height: 2, format: 'jpeg' });
    await writeImage(path.join(root, 'pneumonia', 'c.webp'), { width: 2, height: 2, format: 'webp' });
    const { items, classes } = await imagesFromClassFolders(root);
    expect(classes).toEqual(['normal', 'pneumonia']);
    expect(items.map((item) => [path.relative(root, item.path), item.label])).toEqual([
      [path.join('normal', 'a.jpg'), 'normal'],
      [path.join('normal', 'b.png'), 'normal'],
      [path.join('pneumonia', 'c.webp'), 'pneumonia'],
    ]);
  });

  it('names a stray file or a missing root', async () => {
    const root = path.join(dir(), 'stray');
    await writeImage(path.join(root, 'cat', 'a.png'), { width: 2, height: 2 });
    const notes = await writeText(root, 'cat/notes.txt', 'hi');
    await expect(imagesFromClassFolders(root)).rejects.toThrow(`${notes}: expected a .png, .jpg, .jpeg or .webp file, received another kind of file`);
    const none = path.join(dir(), 'none');
    await expect(imagesFromClassFolders(none)).rejects.toThrow(`${none}: expected a folder with one sub-folder per class, received nothing (it does not exist)`);
  });

  it('reads a manifest column, resolving paths from its folder, and names the line of a missing file', async () => {
    await writeImage(path.join(dir(), 'm', 'img', 'x.png'), { width: 2, height: 2 });
    const manifest = await writeText(dir(), 'm/manifest.csv', 'file,label\nimg/x.png,yes\nimg/gone.png,no\n');
    const error = await imagesFromManifest(manifest, { pathColumn: 'file', labelColumn: 'label' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toBe(`${manifest}:3: column "file": expected an existing image file, received ${JSON.stringify(path.join(dir(), 'm', 'img', 'gone.png'))}`);
    const good = await writeText(dir(), 'm/good.csv', 'file,label\nimg/x.png,yes\n');
    expect(await imagesFromManifest(good, { pathColumn: 'file', labelColumn: 'label' })).toEqual({ items: [{ path: path.join(dir(), 'm', 'img', 'x.png'), label: 'yes' }], classes: ['yes'] });
  });

  it('turns a uint8 [n, h, w] array into [n, h, w, 1] float32 in [0, 1]', () => {
    const images = imagesFromArray({ dtype: 'uint8', shape: [2, 1, 2], data: Uint8Array.from([0, 255, 51, 102]), descr: '|u1' });
    expect(images.shape).toEqual([2, 1, 2, 1]);
    expect(Array.from(images.dataSync(), (v) => Math.round(v * 255))).toEqual([0, 255, 51, 102]);
    expect(images.dataSync()[1]).toBe(1);
    expect(() => imagesFromArray({ dtype: 'uint8', shape: [4], data: new Uint8Array(4), descr: '|u1' })).toThrow(
      'expected an image array of shape [n, h, w] or [n, h, w, c], received [4]',
    );
  });
});
