import * as tf from '@tensorflow/tfjs';
import { AttentionPooling } from './attention-pooling';
import { MaskAny } from './mask-any';
import { MaskedGlobalAveragePooling1D } from './masked-pooling';
import { expectClose, saveAndLoad, tensorsLeaked, trainStepChanges } from './layer-checks.test-helper';

describe('AttentionPooling', () => {
  // [batch 2, groups 2, N 3, d 2]; the second example's second group is all padding.
  const values = () => tf.tensor4d([[[[1, 0], [0, 1], [5, 5]], [[2, 2], [4, 4], [9, 9]]], [[[1, 1], [3, 3], [7, 7]], [[8, 8], [8, 8], [8, 8]]]]);
  const mask = () => tf.tensor3d([[[1, 1, 0], [1, 1, 1]], [[1, 0, 0], [0, 0, 0]]]);

  it('is a softmax-weighted mean of the kept vectors: context · tanh(W h + b), padding weighted 0, an all-padding row zeros', () => {
    const layer = new AttentionPooling({ units: 3, seed: 4 });
    const out = layer.apply([values(), mask()]) as tf.Tensor;
    expect(out.shape).toEqual([2, 2, 2]);
    const [kernel, bias, context] = layer.getWeights().map((w) => w.arraySync() as number[][]);
    const v = values().arraySync();
    const m = mask().arraySync();
    const expected = v.map((example, b) =>
      example.map((row, g) => {
        const scores = row.map((h) => context.reduce((sum, [c], k) => sum + c * Math.tanh(h[0] * kernel[0][k] + h[1] * kernel[1][k] + (bias as unknown as number[])[k]), 0));
        const kept = scores.map((s, i) => (m[b][g][i] ? Math.exp(s) : 0));
        const total = kept.reduce((a, c) => a + c, 0);
        return [0, 1].map((j) => (total === 0 ? 0 : row.reduce((sum, h, i) => sum + (kept[i] / total) * h[j], 0)));
      }),
    );
    expectClose(out, expected, 1e-5);
    expectClose(tf.slice(out, [1, 1, 0], [1, 1, 2]), [[[0, 0]]], 0);
  });

  it('reads symbolic shapes, trains, saves and loads back, round-trips its config, does not leak', async () => {
    const ids = tf.input({ shape: [2, 3], dtype: 'int32' });
    const embedded = tf.layers.embedding({ inputDim: 6, outputDim: 4 }).apply(ids) as tf.SymbolicTensor;
    const layer = new AttentionPooling({ units: 5, name: 'pool' });
    const textMask = new MaskAny().apply(tf.layers.reshape({ targetShape: [2, 3, 1] }).apply(ids) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const pooled = layer.apply([embedded, textMask]) as tf.SymbolicTensor;
    expect(pooled.shape).toEqual([null, 2, 4]);
    const model = tf.model({ inputs: ids, outputs: pooled });
    const xs = tf.tensor([[[1, 2, 0], [3, 0, 0]], [[4, 5, 1], [0, 0, 0]]], undefined, 'int32');
    expect(Object.values(await trainStepChanges(model, [xs])).every(Boolean)).toBe(true);
    const loaded = await saveAndLoad(model);
    expect(loaded.getLayer('pool')).toBeInstanceOf(AttentionPooling);
    expectClose(loaded.predict(xs) as tf.Tensor, model.predict(xs) as tf.Tensor, 0);
    const config = layer.getConfig();
    expect(AttentionPooling.fromConfig(AttentionPooling, config).getConfig()).toEqual(config);
    expect(tensorsLeaked(() => model.predict(xs))).toBe(0);
  });
});

describe('MaskAny and the masked mean over a token-groups input', () => {
  it('marks a text kept when any of its words is, a group when any of its texts is', () => {
    const words = tf.tensor3d([[[1, 0], [0, 0]], [[0, 0], [0, 0]]]);
    expectClose(new MaskAny().apply(words) as tf.Tensor, [[1, 0], [0, 0]], 0);
  });

  it('averages the kept words of every text of every group (the second-to-last axis of any rank)', () => {
    const embedded = tf.tensor4d([[[[1, 1], [3, 3]], [[5, 5], [7, 7]]]]); // [1, groups 1 → texts 2, words 2, d 2]
    const wordMask = tf.tensor3d([[[1, 1], [1, 0]]]);
    expectClose(new MaskedGlobalAveragePooling1D().apply([embedded, wordMask]) as tf.Tensor, [[[2, 2], [5, 5]]], 0);
  });
});
