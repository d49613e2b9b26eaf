import { buildModel } from '../model/build-model';
import { ModelSpecInput, parseModelSpec } from '../spec/model-spec';
import { expectComponentBehaves } from '../testing';
import { EncoderType } from '.';

type InputSpecInput = ModelSpecInput['inputs'][string];

/** At least one case per registered encoder: the compiler fails when an encoder has none. */
const cases: { [K in EncoderType]: InputSpecInput[] } = {
  dense: [{ kind: 'numeric', size: 5, encoder: { type: 'dense', units: [8, 4], batchNorm: true, dropout: 0.1 } }],
  embedding: [{ kind: 'categorical', vocabSize: 7, length: 2, encoder: { type: 'embedding', embeddingDim: 3, units: [4] } }],
  text: [
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'lstm', units: [5] } },
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'gru', units: [5], bidirectional: true } },
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'lstm', units: [5, 3] } },
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'lstm', units: [5], gates: 'sigmoid' } },
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'gru', units: [4, 3], bidirectional: true } },
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'none' } },
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'transformer', transformer: { layers: 2, heads: 2, ffUnits: 8 } } },
  ],
  'hierarchical-text': [
    { kind: 'token-groups', vocabSize: 30, groups: 3, texts: 4, maxLength: 5, encoder: { type: 'hierarchical-text', embeddingDim: 4, units: 6 } },
    { kind: 'token-groups', vocabSize: 30, groups: 2, texts: 3, maxLength: 4, encoder: { type: 'hierarchical-text', embeddingDim: 4, units: 5, dropout: 0.2 } },
  ],
  cnn: [
    { kind: 'image', height: 8, width: 8, channels: 1, encoder: { type: 'cnn', filters: [4, 4] } },
    { kind: 'image', height: 6, width: 6, channels: 3, encoder: { type: 'cnn', filters: [3], padding: 'valid', pooling: false, output: 'global-average', units: [4] } },
  ],
  'time-series': [
    { kind: 'sequence', steps: 5, features: 2, encoder: { type: 'time-series', layer: 'lstm', units: [4], masking: true } },
    { kind: 'sequence', steps: null, features: 2, encoder: { type: 'time-series', layer: 'gru', units: [4], bidirectional: true } },
    { kind: 'sequence', steps: 5, features: 2, encoder: { type: 'time-series', layer: 'conv1d', units: [4] } },
    { kind: 'sequence', steps: 5, features: 2, encoder: { type: 'time-series', layer: 'lstm', units: [4, 3], masking: true } },
    { kind: 'sequence', steps: 5, features: 2, encoder: { type: 'time-series', layer: 'lstm', units: [4], gates: 'sigmoid' } },
    { kind: 'sequence', steps: 5, features: 2, encoder: { type: 'time-series', layer: 'conv1d', units: [4, 3] } },
  ],
};

describe.each(Object.entries(cases).flatMap(([type, inputs]) => inputs.map((input, i) => [`${type} #${i + 1}`, input] as const)))(
  'encoder %s',
  (_name, input) => {
    it('passes the component checks', async () => {
      await expectComponentBehaves({ name: 'encoder_case', inputs: { x: input }, heads: { y: { type: 'regression', outputs: 2 } }, seed: 1 });
    });
  },
);

describe('units of recurrent and Conv1D encoders', () => {
  const build = (encoder: InputSpecInput['encoder'], kind: 'tokens' | 'sequence') =>
    buildModel(
      parseModelSpec({
        name: 'units_case',
        inputs: { x: kind === 'tokens' ? { kind, vocabSize: 20, maxLength: 5, encoder } : { kind, steps: 5, features: 2, encoder } },
        heads: { y: { type: 'regression' } },
        seed: 2,
      }),
    );

  it('stack one layer per entry, the last giving the features', () => {
    const model = build({ type: 'text', embeddingDim: 4, rnn: 'lstm', units: [6, 3] }, 'tokens');
    const lstms = model.layers.filter((l) => l.getClassName() === 'LSTM').map((l) => (l.getConfig() as { units: number; returnSequences: boolean }));
    expect(lstms.map((c) => [c.units, c.returnSequences])).toEqual([
      [6, true],
      [3, false],
    ]);
    const conv = build({ type: 'time-series', layer: 'conv1d', units: [5, 2] }, 'sequence');
    expect(conv.layers.filter((l) => l.getClassName() === 'Conv1D').map((l) => (l.getConfig() as { filters: number }).filters)).toEqual([5, 2]);
    model.dispose();
    conv.dispose();
  });

  it("give a time series' or a text's LSTM / GRU the gates asked for, tfjs-layers' hard-sigmoid by default", () => {
    const gates = (encoder: InputSpecInput['encoder']) => {
      const model = build(encoder, encoder?.type === 'text' ? 'tokens' : 'sequence');
      const names = model.layers.filter((l) => ['LSTM', 'GRU'].includes(l.getClassName())).map((l) => (l.getConfig() as { recurrentActivation: string }).recurrentActivation);
      model.dispose();
      return names;
    };
    expect(gates({ type: 'time-series', layer: 'lstm', units: [4, 3], gates: 'sigmoid' })).toEqual(['sigmoid', 'sigmoid']);
    expect(gates({ type: 'time-series', layer: 'gru', units: [4], gates: 'sigmoid' })).toEqual(['sigmoid']);
    expect(gates({ type: 'time-series', layer: 'lstm', units: [4] })).toEqual(['hardSigmoid']);
    expect(gates({ type: 'text', rnn: 'gru', units: [4, 3], gates: 'sigmoid' })).toEqual(['sigmoid', 'sigmoid']);
    expect(gates({ type: 'text', rnn: 'lstm', units: [4] })).toEqual(['hardSigmoid']);
    expect(() => parseModelSpec({ name: 'bad', inputs: { x: { kind: 'sequence', steps: 5, features: 2, encoder: { type: 'time-series', gates: 'relu' } } }, heads: { y: { type: 'binary' } } } as unknown as ModelSpecInput)).toThrow(/gates/);
  });

  it("give a time series' or a text's GRU Keras's reset_after when asked (its bias [2, 3·units]), tfjs-layers' GRU by default", () => {
    const resetAfter = (encoder: InputSpecInput['encoder']) => {
      const model = build(encoder, encoder?.type === 'text' ? 'tokens' : 'sequence');
      const grus = model.layers.filter((l) => l.getClassName() === 'GRU');
      const found = grus.map((l) => [(l.getConfig() as { resetAfter: boolean }).resetAfter, l.getWeights()[2].shape]);
      model.dispose();
      return found;
    };
    expect(resetAfter({ type: 'time-series', layer: 'gru', units: [4, 3], resetAfter: true })).toEqual([[true, [2, 12]], [true, [2, 9]]]);
    expect(resetAfter({ type: 'text', rnn: 'gru', units: [4], resetAfter: true })).toEqual([[true, [2, 12]]]);
    expect(resetAfter({ type: 'text', rnn: 'gru', units: [4] })).toEqual([[false, [12]]]);
  });

  it('read a single number (specs saved before units were lists) as one layer', () => {
    const spec = parseModelSpec({ name: 'legacy', inputs: { x: { kind: 'sequence', steps: 5, features: 2, encoder: { type: 'time-series', units: 7 } } }, heads: { y: { type: 'binary' } } });
    expect(spec.inputs.x.encoder).toMatchObject({ units: [7] });
  });
});
