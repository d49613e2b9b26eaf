import * as tf from '@tensorflow/tfjs';
import { FusedGRU } from './fused-recurrent-layers';
import { installFusedLayers, registerLayersToLoad } from '../model/layer-registry';
import { modelArtifacts } from '../bundle/bundle';
import { seeded, worstError } from './layer-checks.test-helper';

const BATCH = 2;
const STEPS = 4;
const FEATURES = 3;
const UNITS = 5;

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

const GATES = { sigmoid, hardSigmoid: (v: number) => Math.min(1, Math.max(0, 0.2 * v + 0.5)) };

/** Keras's reset-after GRU step by step in float64, straight from its formula: per step, h for each row. */
function kerasResetAfterGru(x: number[][][], kernel: number[][], recurrentKernel: number[][], bias: number[][], gate: (v: number) => number): number[][][] {
  const dot = (v: number[], w: number[][], column: number) => v.reduce((sum, vi, i) => sum + vi * w[i][column], 0);
  return x.map((row) => {
    let h = new Array<number>(UNITS).fill(0);
    return row.map((xt) => {
      h = h.map((hj, j) => {
        const input = (gate: number) => dot(xt, kernel, gate * UNITS + j) + bias[0][gate * UNITS + j];
        const recurrent = (gate: number) => dot(h, recurrentKernel, gate * UNITS + j) + bias[1][gate * UNITS + j];
        const z = gate(input(0) + recurrent(0));
        const r = gate(input(1) + recurrent(1));
        const candidate = Math.tanh(input(2) + r * recurrent(2));
        return z * hj + (1 - z) * candidate;
      });
      return h;
    });
  });
}

function resetAfterModel(args: { recurrentActivation?: 'sigmoid' | 'hardSigmoid'; dropout?: number } = {}): tf.LayersModel {
  const input = tf.input({ shape: [STEPS, FEATURES] });
  const gru = new FusedGRU({ units: UNITS, resetAfter: true, returnSequences: true, ...args });
  const model = tf.model({ inputs: input, outputs: gru.apply(input) as tf.SymbolicTensor });
  model.setWeights(model.weights.map((w, i) => seeded(w.shape as number[], 31 + i)));
  return model;
}

describe('FusedGRU with resetAfter (Keras reset_after)', () => {
  const x = () => seeded([BATCH, STEPS, FEATURES], 7);

  it.each(['sigmoid', 'hardSigmoid'] as const)("keeps Keras's weights (bias [2, 3·units]) and computes Keras's formula on every backend, %s gates", (gate) => {
    const model = resetAfterModel({ recurrentActivation: gate });
    expect(model.weights.map((w) => w.shape)).toEqual([[FEATURES, 3 * UNITS], [UNITS, 3 * UNITS], [2, 3 * UNITS]]);
    const [kernel, recurrentKernel, bias] = model.getWeights().map((w) => w.arraySync() as number[][]);
    const expected = kerasResetAfterGru(x().arraySync() as number[][][], kernel, recurrentKernel, bias, GATES[gate]);
    const actual = model.predict(x()) as tf.Tensor;
    expect(worstError([Array.from(actual.dataSync())], [expected.flat(2)])).toBeLessThanOrEqual(1e-5);
    model.dispose();
  });

  it('saves resetAfter: true, as Keras does, and loads back with the same outputs once the fused layers are installed', async () => {
    const model = resetAfterModel();
    const artifacts = await modelArtifacts(model);
    expect(JSON.stringify(artifacts.modelTopology)).toContain('"reset_after":true');
    installFusedLayers(); // stock tfjs-layers' GRU rejects reset_after
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(loaded.layers[1]).toBeInstanceOf(FusedGRU);
    expect(loaded.getWeights()[2].shape).toEqual([2, 3 * UNITS]);
    const [expected, actual] = [model, loaded].map((m) => Array.from((m.predict(x()) as tf.Tensor).dataSync()));
    expect(worstError([actual], [expected])).toBeLessThanOrEqual(1e-6);
    [model, loaded].forEach((m) => m.dispose());
  });

  describe("where tfjs's registry holds its stock GRU (a process that never called installFusedLayers)", () => {
    // The jest setup installs the fused layers: put tfjs-layers' own GRU (FusedGRU's base class) back for these.
    const stockGru = Object.getPrototypeOf(Object.getPrototypeOf(FusedGRU)) as tf.serialization.SerializableConstructor<tf.serialization.Serializable>;
    beforeEach(() => tf.serialization.registerClass(stockGru));
    afterAll(() => installFusedLayers());

    it('a Bidirectional wrapper rebuilds a reset-after GRU from its config for both halves', () => {
      const input = tf.input({ shape: [STEPS, FEATURES] });
      const layer = tf.layers.bidirectional({ layer: new FusedGRU({ units: UNITS, resetAfter: true }), mergeMode: 'concat' });
      const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
      expect((model.predict(x()) as tf.Tensor).shape).toEqual([BATCH, 2 * UNITS]);
      expect(model.getWeights().filter((w) => w.rank === 2 && w.shape[0] === 2).map((w) => w.shape)).toEqual([[2, 3 * UNITS], [2, 3 * UNITS]]);
      model.dispose();
    });

    it('registerLayersToLoad, which loadBundle calls, makes a saved reset-after GRU loadable', async () => {
      const model = resetAfterModel();
      const artifacts = await modelArtifacts(model);
      tf.serialization.registerClass(stockGru);
      await expect(tf.loadLayersModel(tf.io.fromMemory(artifacts))).rejects.toThrow(/reset_after/);
      registerLayersToLoad(artifacts.modelTopology);
      const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
      const [expected, actual] = [model, loaded].map((m) => Array.from((m.predict(x()) as tf.Tensor).dataSync()));
      expect(worstError([actual], [expected])).toBeLessThanOrEqual(1e-6);
      [model, loaded].forEach((m) => m.dispose());
    });
  });

  it('applies dropout in training only', () => {
    const plain = resetAfterModel();
    const dropped = resetAfterModel({ dropout: 0.5 });
    const outputs = (m: tf.LayersModel, training: boolean) => Array.from((m.apply(x(), { training }) as tf.Tensor).dataSync());
    // Inference: the same as without dropout (which the torch backend runs as one kernel, dropout the per-step cell).
    expect(worstError([outputs(dropped, false)], [outputs(plain, false)])).toBeLessThanOrEqual(1e-6);
    expect(worstError([outputs(dropped, true)], [outputs(plain, false)])).toBeGreaterThan(1e-3);
    [plain, dropped].forEach((m) => m.dispose());
  });
});
