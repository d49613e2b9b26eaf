import * as tf from '@tensorflow/tfjs';
import { PositionEmbedding } from '../encoders/transformer-position';
import { expectLayerBehaves } from '../testing/expect-layer';
import { LayerTestCase, runLayerTest } from '../testing/layer-test';
import { DotProductAttention } from './dot-product-attention';
import { FusedDense } from './fused-dense';
import { FusedGRU, FusedLSTM } from './fused-recurrent-layers';
import { MaskedGlobalAveragePooling1D } from './masked-pooling';
import { MultiHeadAttention } from './multi-head-attention';
import { SequenceMask } from './sequence-mask';
import { WeightedSum } from './weighted-sum';

const seq = (steps: number, features: number) => ({ shape: [steps, features] });

// Every layer class Mimo registers with tfjs (registerMimoLayers; installFusedLayers for Dense, LSTM, GRU), by className.
const CASES: Record<string, LayerTestCase> = {
  MimoDotProductAttention: {
    create: () => new DotProductAttention({ useScale: true, scoreMode: 'concat' }),
    inputs: [seq(4, 3), seq(5, 3)],
    expectedOutputShape: [4, 3],
    expectedTrainableWeights: 2,
  },
  MimoMultiHeadAttention: {
    create: () => new MultiHeadAttention({ numHeads: 2, keyDim: 3 }),
    inputs: [seq(4, 5), seq(6, 5)],
    expectedOutputShape: [4, 5],
    expectedTrainableWeights: 8,
  },
  MimoSequenceMask: { create: () => new SequenceMask(), inputs: [{ shape: [6], dtype: 'int32' }], expectedOutputShape: [6], expectedTrainableWeights: 0 },
  MimoMaskedGlobalAveragePooling1D: { create: () => new MaskedGlobalAveragePooling1D(), inputs: [seq(5, 3), { shape: [5] }], expectedOutputShape: [3], expectedTrainableWeights: 0 },
  MimoWeightedSum: { create: () => new WeightedSum(), inputs: [{ shape: [3] }, seq(3, 4)], expectedOutputShape: [4], expectedTrainableWeights: 0 },
  MimoPositionEmbedding: { create: () => new PositionEmbedding({ seed: 5 }), inputs: [seq(6, 4)], expectedOutputShape: [6, 4], expectedTrainableWeights: 1 },
  Dense: { create: () => new FusedDense({ units: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }), inputs: [{ shape: [4] }], expectedOutputShape: [3], expectedTrainableWeights: 2 },
  LSTM: { create: () => new FusedLSTM({ units: 3, returnSequences: true, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }), inputs: [seq(4, 2)], expectedOutputShape: [4, 3], expectedTrainableWeights: 3 },
  GRU: { create: () => new FusedGRU({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }), inputs: [seq(4, 2)], expectedOutputShape: [3], expectedTrainableWeights: 3 },
};

describe('runLayerTest over every custom layer', () => {
  it('has a case for each layer class Mimo registers', () => {
    const registered = [DotProductAttention, MultiHeadAttention, SequenceMask, MaskedGlobalAveragePooling1D, WeightedSum, PositionEmbedding, FusedDense, FusedLSTM, FusedGRU].map((c) => c.className);
    expect(Object.keys(CASES).sort()).toEqual([...registered].sort());
  });

  it.each(Object.entries(CASES))('%s: config round trip, symbolic shape and dtype, weights, a training step, no leak, save → load', async (_name, test) => {
    await expectLayerBehaves(test);
  });

  it('catches a layer whose config does not rebuild it, and a weight no gradient reaches', async () => {
    class Mistyped extends tf.layers.Layer {
      static className = 'MimoTestMistyped';
      readonly factor: number;
      constructor(args: { factor?: number; name?: string } = {}) {
        super(args);
        this.factor = args.factor ?? 1;
      }
      override build(): void {
        this.addWeight('used', [1], 'float32', tf.initializers.ones());
        this.addWeight('unused', [1], 'float32', tf.initializers.ones());
        this.built = true;
      }
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.tidy(() => tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, tf.mul(this.trainableWeights[0].read(), this.factor)));
      }
      // Saved under another key than the constructor reads: a copy built from the config has factor 1.
      override getConfig(): tf.serialization.ConfigDict {
        return { ...super.getConfig(), scale: this.factor };
      }
    }
    tf.serialization.registerClass(Mistyped);
    const report = await runLayerTest({ create: () => new Mistyped({ factor: 3 }), inputs: [{ shape: [2] }], expectedOutputShape: [2], expectedTrainableWeights: 2 });
    expect(report.configRoundTrips).toBe(false);
    expect(report.unchangedWeights).toEqual([expect.stringContaining('unused')]);
  });
});
