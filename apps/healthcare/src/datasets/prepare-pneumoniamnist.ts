import { PreparedData } from '@mimo/app-kit';
import { ImageArraySplit, imageArrayBatch, loadPneumoniaMnist, readNpz } from '@mimo/data';

/** The preprocessing of an image-only bundle: pixels / 255, 28×28 grey (nothing is fitted). */
export const XRAY_PREPROCESSING = { format: 'mimo.healthcare.xray', height: 28, width: 28, channels: 1, normalize: 'unit' } as const;

async function loadSplits(source: string): Promise<{ train: ImageArraySplit; val: ImageArraySplit; test: ImageArraySplit; file: string }> {
  if (!source.endsWith('.npz')) return loadPneumoniaMnist({ dir: source });
  const arrays = await readNpz(source);
  const take = (split: string): ImageArraySplit => {
    const [images, labels] = [arrays[`${split}_images`], arrays[`${split}_labels`]];
    if (!images || !labels) throw new Error(`${source}: expected arrays ${split}_images and ${split}_labels (MedMNIST layout), received: ${Object.keys(arrays).join(', ')}`);
    return { images, labels };
  };
  return { train: take('train'), val: take('val'), test: take('test'), file: source };
}

/** The first `n` examples of a split (tiny runs). */
function head(split: ImageArraySplit, n: number): ImageArraySplit {
  const per = split.images.data.length / split.images.shape[0];
  const count = Math.min(n, split.images.shape[0]);
  return {
    images: { ...split.images, shape: [count, ...split.images.shape.slice(1)], data: split.images.data.slice(0, count * per) },
    labels: { ...split.labels, shape: [count, ...split.labels.shape.slice(1)], data: split.labels.data.slice(0, count) },
  };
}

/** PneumoniaMNIST (a folder holding pneumoniamnist.npz, or the .npz) on its official splits: input `xray`, head `outcome`. */
export async function preparePneumoniaMnist(source: string, options: { tiny?: boolean }): Promise<PreparedData> {
  const mnist = await loadSplits(source);
  const pick = (split: ImageArraySplit, n: number) => imageArrayBatch(options.tiny ? head(split, n) : split, { input: 'xray', head: 'outcome' });
  const [train, val, test] = [pick(mnist.train, 256), pick(mnist.val, 64), pick(mnist.test, 64)];
  return {
    card: { name: 'PneumoniaMNIST', source: mnist.file, real: ['28×28 chest X-ray images and their normal / pneumonia labels (MedMNIST v2, official splits)'], simulated: [] },
    train,
    val,
    test,
    inputs: { xray: { kind: 'image', height: 28, width: 28, channels: 1 } },
    heads: { outcome: { type: 'binary' } },
    classes: { outcome: ['normal', 'pneumonia'] },
    preprocessing: XRAY_PREPROCESSING,
  };
}

