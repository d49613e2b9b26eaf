import * as tf from '@tensorflow/tfjs';
import { MaskedGlobalAveragePooling1D } from './masked-pooling';
import { SequenceMask } from './sequence-mask';
import { expectClose, saveAndLoad, tensorsLeaked, trainStepChanges } from './layer-checks.test-helper';

describe('MaskedGlobalAveragePooling1D', () => {
  const seq = () => tf.tensor([[[1, 2], [3, 4], [100, 100]], [[5, 6], [7, 8], [9, 10]], [[-1, -1], [-2, -2], [-3, -3]]]);
  const mask = () => tf.tensor([[1, 1, 0], [1, 1, 1], [0, 0, 0]]);
  const expected = [[2, 3], [7, 8], [0, 0]]; // all-masked row → zeros

  it('has symbolic shape [null, d] and averages over unmasked steps', () => {
    const out = new MaskedGlobalAveragePooling1D().apply([tf.input({ shape: [3, 2] }), tf.input({ shape: [3] })]) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 2]);
    expectClose(new MaskedGlobalAveragePooling1D().apply([seq(), mask()]) as tf.Tensor, expected);
    const boolMask = tf.cast(mask(), 'bool');
    expectClose(new MaskedGlobalAveragePooling1D().apply(seq(), { mask: boolMask }) as tf.Tensor, expected);
    expectClose(new MaskedGlobalAveragePooling1D().apply(seq()) as tf.Tensor, [[104 / 3, 106 / 3], [7, 8], [-2, -2]]);
  });

  it('takes the implicit mask of an embedding in a graph', () => {
    const ids = tf.input({ shape: [3], dtype: 'int32' });
    const x = tf.layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true, embeddingsInitializer: 'ones' }).apply(ids);
    const model = tf.model({ inputs: ids, outputs: new MaskedGlobalAveragePooling1D().apply(x) as tf.SymbolicTensor });
    expectClose(model.predict(tf.tensor([[1, 0, 0], [0, 0, 0]], undefined, 'int32')) as tf.Tensor, [[1, 1], [0, 0]]);
  });

  it('trains through the pooling, saves and loads back, round-trips config, does not leak', async () => {
    const ids = tf.input({ shape: [3], dtype: 'int32' });
    const x = tf.layers.embedding({ inputDim: 5, outputDim: 2 }).apply(ids) as tf.SymbolicTensor;
    const m = new SequenceMask().apply(ids) as tf.SymbolicTensor;
    const layer = new MaskedGlobalAveragePooling1D({ name: 'pool' });
    const model = tf.model({ inputs: ids, outputs: layer.apply([x, m]) as tf.SymbolicTensor });
    const xs = tf.tensor([[1, 2, 0], [3, 4, 1]], undefined, 'int32');
    expect(Object.values(await trainStepChanges(model, [xs]))).toEqual([true]);
    const loaded = await saveAndLoad(model);
    expect(loaded.getLayer('pool')).toBeInstanceOf(MaskedGlobalAveragePooling1D);
    expectClose(loaded.predict(xs) as tf.Tensor, model.predict(xs) as tf.Tensor, 0);
    const config = layer.getConfig();
    expect(MaskedGlobalAveragePooling1D.fromConfig(MaskedGlobalAveragePooling1D, config).getConfig()).toEqual(config);
    expect(tensorsLeaked(() => model.predict(xs))).toBe(0);
  });
});
