import * as tf from '@tensorflow/tfjs';
import { DotProductAttention } from './dot-product-attention';
import { MaskedGlobalAveragePooling1D } from './masked-pooling';
import { SequenceMask } from './sequence-mask';
import { expectClose, saveAndLoad, tensorsLeaked, trainStepChanges } from './layer-checks.test-helper';

const E = Math.exp(1);
// 1 batch, Tq=2, Tv=3, dim=2.
const Q = [[[1, 0], [0, 1]]];
const K = [[[1, 0], [0, 1], [1, 1]]]; // scores q·kᵀ: row 0 = [1, 0, 1], row 1 = [0, 1, 1]
const V = [[[10, 0], [0, 10], [5, 5]]];
const softmax = (xs: number[]) => {
  const e = xs.map(Math.exp);
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};
const weighted = (w: number[], v: number[][]) => [0, 1].map((d) => w.reduce((acc, wj, j) => acc + wj * v[j][d], 0));

describe('DotProductAttention', () => {

  it('validates its arguments Keras-style', () => {
    expect(() => new DotProductAttention({ dropout: 1 })).toThrow(
      'Received an invalid value for `dropout`, expected a number in [0, 1). Received: dropout=1',
    );
    expect(() => new DotProductAttention({ scoreMode: 'add' as 'dot' })).toThrow("Received: scoreMode='add'");
    expect(() => new DotProductAttention({ maskInputs: 'key' as 'none' })).toThrow('`maskInputs`');
    const layer = new DotProductAttention({ maskInputs: 'value' });
    expect(() => layer.apply([tf.input({ shape: [2, 2] }), tf.input({ shape: [3, 2] })])).toThrow(
      "expects inputs [query, value, valueMask] or [query, value, key, valueMask]; received 2 inputs",
    );
    const withKey = new DotProductAttention({ useKey: true, maskInputs: 'query_value' });
    expect(() => withKey.apply([tf.input({ shape: [2, 2] }), tf.input({ shape: [3, 2] }), tf.input({ shape: [2] }), tf.input({ shape: [3] })])).toThrow(
      'expects inputs [query, value, key, queryMask, valueMask]; received 4 inputs',
    );
  });

  it('has symbolic shape [null, Tq, dimV] and eager shape [batch, Tq, dimV]', () => {
    const q = tf.input({ shape: [5, 4] });
    const v = tf.input({ shape: [7, 6] });
    const k = tf.input({ shape: [7, 4] });
    const m = tf.input({ shape: [7] });
    const out = new DotProductAttention({ maskInputs: 'value' }).apply([q, v, k, m]) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 5, 6]);
    const y = new DotProductAttention().apply([tf.ones([3, 5, 4]), tf.ones([3, 7, 6]), tf.ones([3, 7, 4])]) as tf.Tensor;
    expect(y.shape).toEqual([3, 5, 6]);
    y.dispose();
  });

  it('matches a hand-computed case, with key ≠ value', () => {
    const y = new DotProductAttention().apply([tf.tensor(Q), tf.tensor(V), tf.tensor(K)]) as tf.Tensor;
    const w0 = [E, 1, E].map((x) => x / (2 * E + 1));
    const w1 = [1, E, E].map((x) => x / (E + 1 + E));
    expectClose(y, [[weighted(w0, V[0]), weighted(w1, V[0])]]);
    // key defaults to value: scores = q·vᵀ = [[10, 0, 5], [0, 10, 5]]
    const z = new DotProductAttention().apply([tf.tensor(Q), tf.tensor(V)]) as tf.Tensor;
    expectClose(z, [[weighted(softmax([10, 0, 5]), V[0]), weighted(softmax([0, 10, 5]), V[0])]], 1e-4);
  });

  it('masks padded value steps (kwargs list and explicit input agree) and zeroes padded query rows', () => {
    const valueMask = tf.tensor([[1, 1, 0]]);
    const expected = [[[10 * E / (E + 1), 10 / (E + 1)], [10 / (1 + E), 10 * E / (1 + E)]]];
    const viaKwargs = new DotProductAttention().apply([tf.tensor(Q), tf.tensor(V), tf.tensor(K)], { mask: [null, valueMask] });
    expectClose(viaKwargs as tf.Tensor, expected);
    const viaInput = new DotProductAttention({ maskInputs: 'value' }).apply([tf.tensor(Q), tf.tensor(V), tf.tensor(K), valueMask]);
    expectClose(viaInput as tf.Tensor, expected);
    const queryMask = tf.tensor([[true, false]], undefined, 'bool');
    const layer = new DotProductAttention({ maskInputs: 'query_value' });
    const rows = layer.apply([tf.tensor(Q), tf.tensor(V), tf.tensor(K), tf.tensor([[1, 0]]), valueMask]) as tf.Tensor;
    expectClose(rows, [[expected[0][0], [0, 0]]]);
    const passed = layer.computeMask([tf.tensor(Q), tf.tensor(V), tf.tensor(K), tf.tensor([[1, 0]]), valueMask]) as tf.Tensor;
    expect(passed.dtype).toBe('bool');
    expect(passed.arraySync()).toEqual([[1, 0]]);
    const fromKwargs = new DotProductAttention().computeMask([tf.tensor(Q), tf.tensor(V)], [queryMask, valueMask]) as tf.Tensor;
    expect(fromKwargs.arraySync()).toEqual([[1, 0]]);
    expect(new DotProductAttention().computeMask([tf.tensor(Q), tf.tensor(V)])).toBeNull();
  });

  it('is causal: query i sees value j ≤ i', () => {
    const y = new DotProductAttention({ causal: true }).apply([tf.tensor(Q), tf.tensor(V), tf.tensor(K)]) as tf.Tensor;
    expectClose(y, [[V[0][0], weighted([1 / (1 + E), E / (1 + E)], V[0])]]);
  });

  it('applies the trainable scale and the concat score mode', () => {
    const scaled = new DotProductAttention({ useScale: true });
    scaled.apply([tf.tensor(Q), tf.tensor(V), tf.tensor(K)]);
    scaled.setWeights([tf.scalar(2)]);
    const y = scaled.apply([tf.tensor(Q), tf.tensor(V), tf.tensor(K)]) as tf.Tensor;
    expectClose(y, [[weighted(softmax([2, 0, 2]), V[0]), weighted(softmax([0, 2, 2]), V[0])]]);

    const concat = new DotProductAttention({ scoreMode: 'concat' });
    const z = concat.apply([tf.tensor(Q), tf.tensor(V), tf.tensor(K)]) as tf.Tensor;
    const score = (q: number[], k: number[]) => Math.tanh(q[0] + k[0]) + Math.tanh(q[1] + k[1]);
    expectClose(z, [Q[0].map((q) => weighted(softmax(K[0].map((k) => score(q, k))), V[0]))]);
  });

  it('ignores the values at padded value steps', () => {
    const q = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1);
    const v = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 2);
    const mask = tf.tensor([[1, 1, 1, 0, 0], [1, 0, 0, 0, 0]]);
    const changed = tf.add(v, tf.mul(tf.sub(1, tf.expandDims(mask, 2)), 100));
    const layer = new DotProductAttention({ maskInputs: 'value' });
    const a = layer.apply([q, v, mask]) as tf.Tensor;
    const b = layer.apply([q, changed, mask]) as tf.Tensor;
    expectClose(a, b);
    const unmasked = new DotProductAttention().apply([q, changed]) as tf.Tensor;
    expect(Math.abs(tf.sub(a, unmasked).abs().max().dataSync()[0])).toBeGreaterThan(0.1);
  });

  it('drops attention weights in training only', () => {
    const layer = new DotProductAttention({ dropout: 0.5 });
    const q = tf.randomNormal([2, 6, 4], 0, 1, 'float32', 3);
    const infer = layer.apply([q, q]) as tf.Tensor;
    expectClose(infer, new DotProductAttention().apply([q, q]) as tf.Tensor);
    const train = layer.apply([q, q], { training: true }) as tf.Tensor;
    expect(tf.sub(train, infer).abs().max().dataSync()[0]).toBeGreaterThan(1e-3);
  });

  function graph(layer: DotProductAttention): tf.LayersModel {
    const q = tf.input({ shape: [3, 4], name: 'q' });
    const ids = tf.input({ shape: [5], name: 'ids', dtype: 'int32' });
    const v = tf.input({ shape: [5, 4], name: 'v' });
    const mask = new SequenceMask().apply(ids) as tf.SymbolicTensor;
    const att = layer.apply([q, v, mask]) as tf.SymbolicTensor;
    return tf.model({ inputs: [q, v, ids], outputs: att });
  }
  const feeds = () => [
    tf.randomNormal([2, 3, 4], 0, 1, 'float32', 4),
    tf.randomNormal([2, 5, 4], 0, 1, 'float32', 5),
    tf.tensor([[3, 4, 0, 0, 0], [1, 2, 3, 4, 5]], undefined, 'int32'),
  ];

  it('trains every weight in a graph (scale, concat weight)', async () => {
    const model = graph(new DotProductAttention({ maskInputs: 'value', useScale: true, scoreMode: 'concat' }));
    expect(model.trainableWeights.length).toBe(2);
    const changed = await trainStepChanges(model, feeds());
    expect(Object.values(changed)).toEqual([true, true]);
  });

  it('saves and loads back with identical predictions; config round trip', async () => {
    const layer = new DotProductAttention({ maskInputs: 'value', useScale: true, causal: true, dropout: 0.1, name: 'att' });
    const model = graph(layer);
    layer.setWeights([tf.scalar(0.7)]);
    const xs = feeds();
    const loaded = await saveAndLoad(model);
    expect(loaded.getLayer('att')).toBeInstanceOf(DotProductAttention);
    expectClose(loaded.predict(xs) as tf.Tensor, model.predict(xs) as tf.Tensor, 0);
    const config = layer.getConfig();
    const clone = DotProductAttention.fromConfig(DotProductAttention, config);
    expect(clone.getConfig()).toEqual(config);
    expect(config).toMatchObject({ useScale: true, causal: true, dropout: 0.1, maskInputs: 'value', scoreMode: 'dot' });
  });

  it('keeps the query mask flowing through a graph (computeMask)', () => {
    const ids = tf.input({ shape: [4], dtype: 'int32' });
    const x = tf.layers.embedding({ inputDim: 10, outputDim: 3, maskZero: true }).apply(ids) as tf.SymbolicTensor;
    const att = new DotProductAttention().apply([x, x]) as tf.SymbolicTensor;
    const pooled = new MaskedGlobalAveragePooling1D().apply(att) as tf.SymbolicTensor;
    const model = tf.model({ inputs: ids, outputs: [att, pooled] });
    const [seq, mean] = model.predict(tf.tensor([[1, 2, 0, 0]], undefined, 'int32')) as tf.Tensor[];
    const s = seq.arraySync() as number[][][];
    expect(s[0][2].map(Math.abs)).toEqual([0, 0, 0]); // padded query rows zeroed via the executor's query mask
    expect(s[0][0].some((x) => x !== 0)).toBe(true);
    expectClose(mean, [[0, 1, 2].map((d) => (s[0][0][d] + s[0][1][d]) / 2)]);
  });

  it('does not leak tensors in predict', () => {
    const model = graph(new DotProductAttention({ maskInputs: 'value', useScale: true }));
    const xs = feeds();
    model.predict(xs);
    expect(tensorsLeaked(() => model.predict(xs))).toBe(0);
  });
});
