import { SeededRandom } from '@mimo/core';
import { loadPneumoniaMnist } from '@mimo/data';
import { drawXray } from './draw-xray';

/** Hands out one 28×28 image per patient, by label. */
export interface XraySource {
  /** `real`: PneumoniaMNIST images; `procedural`: drawn by `drawXray`. */
  kind: 'real' | 'procedural';
  description: string;
  take(pneumonia: boolean): Uint8Array;
}

/**
 * Real PneumoniaMNIST images when the data set is found (`dir`, `$MIMO_DATASETS` or `../shared/datasets`):
 * drawn by label, without replacement, from the official val + test splits only, so an encoder pretrained on
 * the train split never saw a cohort image. Otherwise procedurally drawn images.
 */
export async function createXraySource(rng: SeededRandom, dir?: string): Promise<XraySource> {
  try {
    const mnist = await loadPneumoniaMnist({ dir });
    const pools: Record<'0' | '1', Uint8Array[]> = { '0': [], '1': [] };
    for (const split of [mnist.val, mnist.test]) {
      const [n, h, w] = split.images.shape;
      for (let i = 0; i < n; i++) pools[split.labels.data[i] ? '1' : '0'].push(Uint8Array.from(split.images.data.slice(i * h * w, (i + 1) * h * w) as ArrayLike<number>));
    }
    for (const pool of Object.values(pools)) {
      for (let i = pool.length - 1; i > 0; i--) {
        const j = rng.int(0, i + 1);
        [pool[i], pool[j]] = [pool[j], pool[i]];
      }
    }
    return {
      kind: 'real',
      description: `PneumoniaMNIST (${mnist.file}), official val + test splits, drawn by label without replacement`,
      take: (pneumonia) => {
        const image = pools[pneumonia ? '1' : '0'].pop();
        if (!image) throw new Error(`the cohort needs more ${pneumonia ? 'pneumonia' : 'normal'} images than PneumoniaMNIST val + test hold; generate fewer patients`);
        return image;
      },
    };
  } catch (error) {
    if (!/ENOENT|expected the pneumoniamnist data set folder/.test((error as Error).message)) throw error;
    return { kind: 'procedural', description: 'procedurally drawn 28×28 images (drawXray): PneumoniaMNIST was not found', take: (pneumonia) => drawXray(pneumonia, rng) };
  }
}
