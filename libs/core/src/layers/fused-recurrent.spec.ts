import * as tf from '@tensorflow/tfjs';
import { FusedGRU, FusedLSTM } from './fused-recurrent-layers';
import { RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';
import { hasRecurrentSequenceKernel } from './recurrent-sequence-op';
import { kernelsOf, seeded, worstError } from './layer-checks.test-helper';

const STEPS = 6;
const VOCAB = 9;
const UNITS = 5;
/** Token ids, 0 = padding: full length, right-padded, a hole in the middle, fully padded. */
const TOKENS = [[1, 2, 3, 4, 5, 6], [7, 8, 1, 0, 0, 0], [2, 0, 3, 4, 5, 0], [0, 0, 0, 0, 0, 0]];

type Cell = 'lstm' | 'gru';
interface Variant {
  label: string;
  masked?: boolean;
  returnSequences?: boolean;
  returnState?: boolean;
  goBackwards?: boolean;
  bidirectional?: boolean;
  recurrentActivation?: 'sigmoid';
  dropout?: number;
  /** GRU only: Keras's reset_after, whose reference is FusedGRU's own per-step cell on cpu (tfjs-layers' rejects it). */
  resetAfter?: boolean;
}

const VARIANTS: Variant[] = [
  { label: 'masked, sequences and states', masked: true, returnSequences: true, returnState: true },
  { label: 'masked, goBackwards, last output and states', masked: true, goBackwards: true, returnState: true },
  { label: 'masked, bidirectional sequences', masked: true, bidirectional: true, returnSequences: true },
  { label: 'masked, bidirectional last outputs', masked: true, bidirectional: true },
  { label: 'unmasked, sigmoid gates', recurrentActivation: 'sigmoid', returnSequences: true },
  { label: 'reset after, masked, sequences and states', resetAfter: true, masked: true, returnSequences: true, returnState: true },
  { label: 'reset after, masked, bidirectional last outputs, sigmoid gates', resetAfter: true, masked: true, bidirectional: true, recurrentActivation: 'sigmoid' },
  { label: 'reset after, unmasked, goBackwards', resetAfter: true, goBackwards: true, returnSequences: true },
];

/** Embedding (maskZero when masked) → the recurrent layer, stock tfjs-layers or ours; weights seeded. */
function buildModel(cell: Cell, v: Variant, fused: boolean): tf.LayersModel {
  const tokens = tf.input({ shape: [STEPS], dtype: 'int32' });
  const embedded = tf.layers.embedding({ inputDim: VOCAB, outputDim: 4, maskZero: v.masked ?? false }).apply(tokens) as tf.SymbolicTensor;
  const { returnSequences = false, returnState = false, goBackwards = false, recurrentActivation, dropout } = v;
  const args = { units: UNITS, returnSequences, returnState, goBackwards, dropout, ...(recurrentActivation ? { recurrentActivation } : {}) };
  const layer = v.resetAfter
    ? new FusedGRU({ ...args, resetAfter: true })
    : fused ? (cell === 'lstm' ? new FusedLSTM(args) : new FusedGRU(args)) : cell === 'lstm' ? tf.layers.lstm(args) : tf.layers.gru(args);
  const outputs = (v.bidirectional ? tf.layers.bidirectional({ layer, mergeMode: 'concat' }) : layer).apply(embedded) as tf.SymbolicTensor | tf.SymbolicTensor[];
  const model = tf.model({ inputs: tokens, outputs });
  model.setWeights(model.weights.map((w, i) => seeded(w.shape as number[], 11 + i)));
  return model;
}

/** The outputs, and the gradients of Σ output·seeded weights for every trainable weight (the embedding's carries dx). */
function outputsAndGradients(model: tf.LayersModel): number[][] {
  return tf.tidy(() => {
    const x = tf.tensor2d(TOKENS, undefined, 'int32');
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    let outputs: number[][] = [];
    const { grads } = tf.variableGrads(() => {
      const ys = [model.apply(x, { training: true }) as tf.Tensor | tf.Tensor[]].flat();
      outputs = ys.map((y) => Array.from(y.dataSync()));
      return tf.addN(ys.map((y, i) => tf.sum(tf.mul(y, seeded(y.shape, 101 + i))))) as tf.Scalar;
    }, variables);
    return [...outputs, ...variables.map((v) => Array.from(grads[v.name].dataSync()))];
  });
}

describe('FusedLSTM / FusedGRU', () => {
  let backend: string;
  beforeAll(() => {
    backend = tf.getBackend();
  });
  afterEach(() => tf.setBackend(backend));

  describe.each(['lstm', 'gru'] as const)('%s', (cell) => {
    const variants = VARIANTS.filter((v) => cell === 'gru' || !v.resetAfter);
    it.each(variants.map((v) => [v.label, v] as const))('%s: outputs and gradients equal the per-step layer on cpu (stock tfjs-layers, or ResetAfterGRUCell) within 1e-5', async (_, variant) => {
      await tf.setBackend('cpu');
      const stock = buildModel(cell, variant, false);
      const expected = outputsAndGradients(stock);
      stock.dispose();

      await tf.setBackend(backend);
      const model = buildModel(cell, variant, true);
      const before = tf.memory().numTensors;
      const actual = outputsAndGradients(model);
      expect(tf.memory().numTensors).toBe(before);
      expect(worstError(actual, expected)).toBeLessThanOrEqual(1e-5);
      model.dispose();
    });

    it(`runs as one ${cell.toUpperCase()} kernel forward and one backward where the backend has them, else the stock loop`, async () => {
      const { forward, backward } = RECURRENT_SEQUENCE_KERNELS[cell];
      for (const name of ['cpu', backend]) {
        await tf.setBackend(name);
        const model = buildModel(cell, VARIANTS[0], true);
        const x = tf.tensor2d(TOKENS, undefined, 'int32');
        const kernels = await kernelsOf(() => {
          const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
          return tf.variableGrads(() => tf.sum([model.apply(x, { training: true }) as tf.Tensor | tf.Tensor[]].flat()[0]) as tf.Scalar, weights).grads;
        });
        const fused = hasRecurrentSequenceKernel(cell);
        expect([name, kernels.has(forward), kernels.has(backward)]).toEqual([name, fused, fused]);
        tf.dispose(x);
        model.dispose();
      }
      // The torch backend registers them.
      if (backend === 'torch') expect(hasRecurrentSequenceKernel(cell)).toBe(true);
    });
  });

  it('keeps the stock per-step loop for what the kernels lack (dropout)', async () => {
    const model = buildModel('lstm', { label: 'dropout', masked: true, dropout: 0.2 }, true);
    const x = tf.tensor2d(TOKENS, undefined, 'int32');
    const kernels = await kernelsOf(() => model.apply(x, { training: true }) as tf.Tensor);
    expect(kernels.has(RECURRENT_SEQUENCE_KERNELS.lstm.forward)).toBe(false);
    tf.dispose(x);
    model.dispose();
  });

  it('has the stock config and weight names, and a save on this backend loads on cpu with the same outputs', async () => {
    const variant = VARIANTS[2];
    const stock = buildModel('lstm', variant, false);
    const model = buildModel('lstm', variant, true);
    const unnamed = (config: tf.serialization.ConfigDict) => JSON.stringify({ ...config, name: undefined });
    expect(unnamed(new FusedGRU({ units: 3, goBackwards: true }).getConfig())).toEqual(unnamed(tf.layers.gru({ units: 3, goBackwards: true }).getConfig()));
    const localNames = (m: tf.LayersModel) => m.weights.map((w) => w.name.replace(/\d+/g, ''));
    expect(localNames(model)).toEqual(localNames(stock));

    const x = tf.tensor2d(TOKENS, undefined, 'int32');
    const expected = Array.from((model.predict(x) as tf.Tensor).dataSync());
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    expect(JSON.stringify(artifacts?.modelTopology)).toContain('"class_name":"LSTM"');

    await tf.setBackend('cpu');
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    const bidirectional = loaded.layers.find((l) => l.getClassName() === 'Bidirectional') as unknown as { forwardLayer: tf.layers.Layer };
    expect(bidirectional.forwardLayer).toBeInstanceOf(FusedLSTM);
    const actual = Array.from((loaded.predict(tf.tensor2d(TOKENS, undefined, 'int32')) as tf.Tensor).dataSync());
    expect(worstError([actual], [expected])).toBeLessThanOrEqual(1e-5);
    [stock, model, loaded].forEach((m) => m.dispose());
  });
});
