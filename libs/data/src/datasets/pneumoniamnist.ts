import * as tf from '@tensorflow/tfjs';
import * as path from 'path';
import { NpyArray } from '../arrays/npy';
import { readNpz } from '../arrays/npz';
import { DataError } from '../errors/data-error';
import { imagesFromArray } from '../images/image-sources';
import { PixelNormalization } from '../images/pixels';
import { Batch } from '../preprocess/preprocessor';
import { SPLITS } from '../splits/split-fractions';
import { datasetPath } from './datasets-dir';

/** One official split: uint8 images `[n, 28, 28]` and labels `[n, 1]` (0 normal, 1 pneumonia). */
export interface ImageArraySplit {
  images: NpyArray;
  labels: NpyArray;
}

export interface MedMnist {
  train: ImageArraySplit;
  val: ImageArraySplit;
  test: ImageArraySplit;
  file: string;
}

/** PneumoniaMNIST (MedMNIST v2) with its official splits: train 4708, val 524, test 624. */
export async function loadPneumoniaMnist(options: { dir?: string } = {}): Promise<MedMnist> {
  const file = path.join(datasetPath('pneumoniamnist', options.dir), 'pneumoniamnist.npz');
  const arrays = await readNpz(file);
  const take = (key: string): NpyArray => {
    const array = arrays[key];
    if (!array) throw new DataError({ file }, `expected an array "${key}", received the arrays: ${Object.keys(arrays).join(', ')}`);
    return array;
  };
  const [train, val, test] = SPLITS.map((split) => ({ images: take(`${split}_images`), labels: take(`${split}_labels`) }));
  return { train, val, test, file };
}

export interface ImageArrayBatchOptions {
  /** Name of the image input. Defaults to 'xray'. */
  input?: string;
  /** Name of the binary head. Defaults to 'pneumonia'. */
  head?: string;
  /** Defaults to { mode: 'unit' } (/ 255). */
  normalization?: PixelNormalization;
}

/** A split as `{ xs: { xray: [n, 28, 28, 1] }, ys: { pneumonia: [n, 1] } }` float32. */
export function imageArrayBatch(split: ImageArraySplit, options: ImageArrayBatchOptions = {}): Batch {
  const n = split.labels.shape[0];
  return {
    xs: { [options.input ?? 'xray']: imagesFromArray(split.images, options.normalization) },
    ys: { [options.head ?? 'pneumonia']: tf.tensor2d(Float32Array.from(split.labels.data), [n, 1], 'float32') },
  };
}
