import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as path from 'path';
import { NpyArray } from '../arrays/npy';
import { DataError } from '../errors/data-error';
import { readTable } from '../tabular/read-table';
import { rowLocation } from '../tabular/row';
import { ImageItem } from './image-batches';
import { normalizePixels, PixelNormalization } from './pixels';

const IMAGE_FILE = /\.(png|jpe?g|webp)$/i;

export interface LabelledImages {
  items: ImageItem[];
  /** Class names, sorted. */
  classes: string[];
}

async function listDir(dir: string, what: string): Promise<import('fs').Dirent[]> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError({ file: dir }, code === 'ENOENT' ? `expected ${what}, received nothing (it does not exist)` : `cannot read the folder: ${(error as Error).message}`);
  }
}

/** `root/<class>/<image>`: one sub-folder per class, PNG / JPEG / WebP files in each (other files are an error). */
export async function imagesFromClassFolders(root: string): Promise<LabelledImages> {
  const classes = (await listDir(root, 'a folder with one sub-folder per class'))
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  if (classes.length === 0) throw new DataError({ file: root }, 'expected one sub-folder per class, received none');
  const items: ImageItem[] = [];
  for (const label of classes) {
    const dir = path.join(root, label);
    const files = (await listDir(dir, 'a class folder'))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
    const other = files.find((file) => !IMAGE_FILE.test(file));
    if (other) throw new DataError({ file: path.join(dir, other) }, 'expected a .png, .jpg, .jpeg or .webp file, received another kind of file');
    if (files.length === 0) throw new DataError({ file: dir }, 'expected at least one image in the class folder, received none');
    items.push(...files.map((file) => ({ path: path.join(dir, file), label })));
  }
  return { items, classes };
}

export interface ManifestOptions {
  /** Column with image paths, relative to the manifest's folder or absolute. */
  pathColumn: string;
  /** Column with class labels. Unset: the items have no label. */
  labelColumn?: string;
}

/** Images listed in a CSV manifest; a listed file that does not exist is an error naming its line. */
export async function imagesFromManifest(file: string, options: ManifestOptions): Promise<LabelledImages> {
  const columns: Record<string, { type: 'image' } | { type: 'label'; task: 'multiclass' }> = { [options.pathColumn]: { type: 'image' } };
  if (options.labelColumn) columns[options.labelColumn] = { type: 'label', task: 'multiclass' };
  const table = await readTable(file, { columns });
  const items = await Promise.all(
    table.data.map(async (row, i) => {
      const imagePath = String(row[options.pathColumn]);
      const exists = await fs.stat(imagePath).then(
        (stat) => stat.isFile(),
        () => false,
      );
      if (!exists) throw new DataError(rowLocation(row, i, options.pathColumn), `expected an existing image file, received ${JSON.stringify(imagePath)}`);
      return options.labelColumn ? { path: imagePath, label: String(row[options.labelColumn]) } : { path: imagePath };
    }),
  );
  const classes = [...new Set(items.map((item) => item.label).filter((label): label is string => label !== undefined))].sort();
  return { items, classes };
}

/**
 * Images already in an array (a MedMNIST .npz): uint8 `[n, h, w]` (grey) or `[n, h, w, c]` →
 * `[n, h, w, c]` float32, normalised.
 */
export function imagesFromArray(array: NpyArray, normalization: PixelNormalization = { mode: 'unit' }): tf.Tensor4D {
  const [n, height, width, channels = 1] = array.shape;
  if (array.shape.length !== 3 && array.shape.length !== 4) {
    throw new DataError({}, `expected an image array of shape [n, h, w] or [n, h, w, c], received [${array.shape.join(', ')}]`);
  }
  const out = new Float32Array(array.data.length);
  normalizePixels(array.data, channels, normalization, out);
  return tf.tensor4d(out, [n, height, width, channels], 'float32');
}
