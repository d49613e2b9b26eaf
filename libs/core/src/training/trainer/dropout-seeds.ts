import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../random/derive-seed';

type SeededLayer = tf.layers.Layer & { seed?: number };

const DROPOUT_CLASSES = new Set(['Dropout', 'SpatialDropout1D']);

function dropoutLayers(model: tf.LayersModel): SeededLayer[] {
  return model.layers.flatMap((layer) => (layer instanceof tf.LayersModel ? dropoutLayers(layer) : DROPOUT_CLASSES.has(layer.getClassName()) ? [layer] : []));
}

/**
 * Per-step dropout seeds. A tfjs Dropout layer with a fixed `seed` draws the *same* mask at every step, and one
 * without a seed draws from `Math.random` (not reproducible). Before every step the trainer gives each dropout
 * layer the seed `deriveSeed(runSeed, 'dropout', layerIndex, step)`: masks differ from step to step, yet the same
 * run seed and step give the same mask, in this process or in a resumed one. `restore` puts the layers' own seeds
 * back (they are part of the saved model config).
 *
 * Dropout inside the attention layers (`attentionDropout`) calls `tf.dropout` without a seed and stays
 * non-reproducible; leave it at 0 where runs must repeat exactly.
 */
export class DropoutSeeds {
  private readonly layers: { layer: SeededLayer; original: number | undefined }[];

  constructor(model: tf.LayersModel) {
    this.layers = dropoutLayers(model).map((layer) => ({ layer, original: layer.seed }));
  }

  forStep(runSeed: number, step: number): void {
    this.layers.forEach(({ layer }, i) => Reflect.set(layer, 'seed', deriveSeed(runSeed, 'dropout', i, step)));
  }

  restore(): void {
    this.layers.forEach(({ layer, original }) => Reflect.set(layer, 'seed', original));
  }
}
