import * as tf from '@tensorflow/tfjs';
import { DotProductAttention } from './dot-product-attention';
import { MultiHeadAttention } from './multi-head-attention';
import { SequenceMask } from './sequence-mask';
import { expectClose, saveAndLoad, tensorsLeaked, trainStepChanges } from './layer-checks.test-helper';

/** Scaled dot-product attention through the other layer: scale 1/√keyDim. */
function scaledDotProduct(q: tf.Tensor, v: tf.Tensor, k: tf.Tensor, keyDim: number, opts: { causal?: boolean; valueMask?: tf.Tensor } = {}) {
  const dpa = new DotProductAttention({ useScale: true, causal: opts.causal, maskInputs: opts.valueMask ? 'value' : 'none' });
  const inputs = opts.valueMask ? [q, v, k, opts.valueMask] : [q, v, k];
  dpa.apply(inputs);
  dpa.setWeights([tf.scalar(1 / Math.sqrt(keyDim))]);
  return dpa.apply(inputs) as tf.Tensor;
}

describe('MultiHeadAttention', () => {
  const q = () => tf.randomNormal([2, 3, 4], 0, 1, 'float32', 11);
  const v = () => tf.randomNormal([2, 5, 4], 0, 1, 'float32', 12);
  const k = () => tf.randomNormal([2, 5, 4], 0, 1, 'float32', 13);

  it('validates its arguments Keras-style', () => {
    expect(() => new MultiHeadAttention({ numHeads: 0, keyDim: 2 })).toThrow(
      'Received an invalid value for `numHeads`, expected a positive integer. Received: numHeads=0',
    );
    expect(() => new MultiHeadAttention({ numHeads: 2, keyDim: 1.5 })).toThrow('Received: keyDim=1.5');
    expect(() => new MultiHeadAttention({ numHeads: 2, keyDim: 2, dropout: -0.1 })).toThrow('Received: dropout=-0.1');
  });

  it('has symbolic shape [null, Tq, outputDim] and eager shape for numHeads=2', () => {
    const qi = tf.input({ shape: [3, 4] });
    const vi = tf.input({ shape: [5, 6] });
    expect((new MultiHeadAttention({ numHeads: 2, keyDim: 3 }).apply([qi, vi]) as tf.SymbolicTensor).shape).toEqual([null, 3, 4]);
    const mi = tf.input({ shape: [3] });
    const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 5, outputDim: 7, maskInputs: 'query_value' });
    expect((layer.apply([qi, vi, vi, mi, tf.input({ shape: [5] })]) as tf.SymbolicTensor).shape).toEqual([null, 3, 7]);
    expect(layer.getWeights().map((w) => w.shape)).toEqual([[4, 2, 3], [2, 3], [6, 2, 3], [2, 3], [6, 2, 5], [2, 5], [2, 5, 7], [7]]);
    const y = new MultiHeadAttention({ numHeads: 2, keyDim: 3 }).apply([q(), v()]) as tf.Tensor;
    expect(y.shape).toEqual([2, 3, 4]);
  });

  it('with one head and identity projections equals scaled dot-product attention', () => {
    const layer = new MultiHeadAttention({ numHeads: 1, keyDim: 4, causal: true, maskInputs: 'value' });
    const mask = tf.tensor([[1, 1, 1, 0, 0], [1, 1, 0, 1, 1]]);
    layer.apply([q(), v(), k(), mask]);
    const eye = tf.reshape(tf.eye(4), [4, 1, 4]);
    layer.setWeights([eye, tf.zeros([1, 4]), eye, tf.zeros([1, 4]), eye, tf.zeros([1, 4]), tf.reshape(tf.eye(4), [1, 4, 4]), tf.zeros([4])]);
    const y = layer.apply([q(), v(), k(), mask]) as tf.Tensor;
    expectClose(y, scaledDotProduct(q(), v(), k(), 4, { causal: true, valueMask: mask }));
  });

  it('with two heads equals per-head attention over the projections, recombined', () => {
    const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 2, outputDim: 5, seed: 1 });
    layer.apply([q(), v(), k()]);
    const w = layer.getWeights().map((t, i) => (i % 2 === 1 ? tf.randomNormal(t.shape, 0, 1, 'float32', i) : t));
    layer.setWeights(w);
    const [wq, bq, wk, bk, wv, bv, wo, bo] = w;
    const heads = [0, 1].map((h) => {
      const proj = (x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor) =>
        tf.add(tf.einsum('btd,dk->btk', x, tf.gather(kernel, h, 1)), tf.gather(bias, h));
      return scaledDotProduct(proj(q(), wq, bq), proj(v(), wv, bv), proj(k(), wk, bk), 3);
    });
    const expected = tf.add(tf.einsum('btj,jo->bto', tf.concat(heads, 2), tf.reshape(wo, [4, 5])), bo);
    expectClose(layer.apply([q(), v(), k()]) as tf.Tensor, expected, 1e-4);
  });

  it('ignores the values at padded value steps', () => {
    const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 2, seed: 3 });
    const mask = tf.tensor([[1, 1, 1, 0, 0], [1, 0, 0, 0, 0]]);
    const changed = tf.add(v(), tf.mul(tf.sub(1, tf.expandDims(mask, 2)), 100));
    const a = layer.apply([q(), v()], { mask: [null, mask] }) as tf.Tensor;
    const b = layer.apply([q(), changed], { mask: [null, mask] }) as tf.Tensor;
    expectClose(a, b, 1e-4);
    expect(tf.sub(a, layer.apply([q(), changed]) as tf.Tensor).abs().max().dataSync()[0]).toBeGreaterThan(0.1);
  });

  function graph(layer: MultiHeadAttention): tf.LayersModel {
    const qi = tf.input({ shape: [3, 4], name: 'q' });
    const ids = tf.input({ shape: [5], name: 'ids', dtype: 'int32' });
    const vi = tf.input({ shape: [5, 4], name: 'v' });
    const mask = new SequenceMask().apply(ids) as tf.SymbolicTensor;
    return tf.model({ inputs: [qi, vi, ids], outputs: layer.apply([qi, vi, mask]) as tf.SymbolicTensor });
  }
  const feeds = () => [q(), v(), tf.tensor([[3, 4, 0, 0, 0], [1, 2, 3, 4, 5]], undefined, 'int32')];

  it('trains every weight (but key_bias, which softmax cancels, as in Keras)', async () => {
    const model = graph(new MultiHeadAttention({ numHeads: 2, keyDim: 3, maskInputs: 'value', seed: 5 }));
    const changed = await trainStepChanges(model, feeds());
    expect(Object.keys(changed)).toHaveLength(8);
    // q·b_k adds the same amount to every score of a query row, so its gradient is exactly zero.
    const unchanged = Object.entries(changed).filter(([, c]) => !c).map(([name]) => name.split('/').pop());
    expect(unchanged).toEqual(['key_bias']);
  });

  it('saves and loads back with identical predictions; config round trip', async () => {
    const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 3, outputDim: 6, maskInputs: 'value', causal: true, seed: 7, name: 'mha' });
    const model = graph(layer);
    const xs = feeds();
    const loaded = await saveAndLoad(model);
    expect(loaded.getLayer('mha')).toBeInstanceOf(MultiHeadAttention);
    expectClose(loaded.predict(xs) as tf.Tensor, model.predict(xs) as tf.Tensor, 0);
    const config = layer.getConfig();
    expect(MultiHeadAttention.fromConfig(MultiHeadAttention, config).getConfig()).toEqual(config);
    expect(config).toMatchObject({ numHeads: 2, keyDim: 3, valueDim: 3, outputDim: 6, useBias: true, causal: true, seed: 7 });
  });

  it('is reproducible with a seed, trains with dropout and does not leak', () => {
    const a = graph(new MultiHeadAttention({ numHeads: 2, keyDim: 3, maskInputs: 'value', seed: 9 }));
    const b = graph(new MultiHeadAttention({ numHeads: 2, keyDim: 3, maskInputs: 'value', seed: 9 }));
    const xs = feeds();
    expectClose(a.predict(xs) as tf.Tensor, b.predict(xs) as tf.Tensor, 0);
    const drop = new MultiHeadAttention({ numHeads: 2, keyDim: 3, dropout: 0.5, seed: 9 });
    const infer = drop.apply([q(), v()]) as tf.Tensor;
    expect(tf.sub(drop.apply([q(), v()], { training: true }) as tf.Tensor, infer).abs().max().dataSync()[0]).toBeGreaterThan(1e-3);
    expect(tensorsLeaked(() => a.predict(xs))).toBe(0);
  });
});
