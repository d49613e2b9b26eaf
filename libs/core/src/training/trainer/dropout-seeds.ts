import * as tf from '@tensorflow/tfjs';
import { FusedDropout } from '../../layers/fused-dropout';
import { deriveSeed } from '../random/derive-seed';

/** Where each kind of layer keeps the seed of its dropout masks. */
const SEED_FIELD: Record<string, string> = {
  Dropout: 'seed',
  SpatialDropout1D: 'seed',
  MimoDotProductAttention: 'dropoutSeed',
  MimoMultiHeadAttention: 'dropoutSeed',
};

interface SeededLayer {
  layer: tf.layers.Layer;
  field: string;
}

function seededLayers(model: tf.LayersModel): SeededLayer[] {
  return model.layers.flatMap((layer) =>
    layer instanceof tf.LayersModel ? seededLayers(layer) : SEED_FIELD[layer.getClassName()] ? [{ layer, field: SEED_FIELD[layer.getClassName()] }] : [],
  );
}

/**
 * Per-step dropout seeds. A tfjs Dropout layer with a fixed `seed` draws the *same* mask at every step, and one
 * without a seed draws from `Math.random` (not reproducible). Before every step the trainer gives each dropout
 * layer (and each attention layer, whose attention dropout has the same problem) the seed
 * `deriveSeed(runSeed, 'dropout', layerIndex, step)`: masks differ from step to step, yet the same run seed and
 * step give the same mask, in this process or in a resumed one (on torch a FusedDropout draws it natively from the
 * seed, so the same seed gives another mask there than on cpu). `restore` puts the layers' own seeds back (a
 * Dropout's is part of the saved model config).
 */
export class DropoutSeeds {
  private readonly layers: (SeededLayer & { original: unknown })[];

  constructor(model: tf.LayersModel) {
    this.layers = seededLayers(model).map((seeded) => ({ ...seeded, original: Reflect.get(seeded.layer, seeded.field) }));
  }

  forStep(runSeed: number, step: number): void {
    this.layers.forEach(({ layer, field }, i) => {
      const seed = deriveSeed(runSeed, 'dropout', i, step);
      // A FusedDropout draws from a seed tensor (so that the step replays): set that.
      if (layer instanceof FusedDropout) layer.reseed(seed);
      else Reflect.set(layer, field, seed);
    });
  }

  restore(): void {
    this.layers.forEach(({ layer, field, original }) => Reflect.set(layer, field, original));
  }
}
