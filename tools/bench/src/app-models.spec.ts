import * as tf from '@tensorflow/tfjs';
import { buildModel, parseModelSpec } from '@mimo/core';
import { withRecurrentGates } from './app-models';

describe('withRecurrentGates (the bench\'s --gates)', () => {
  it("sets the gates of every text and time-series encoder that runs an LSTM or GRU, leaves the other inputs alone, and the model's recurrent layers get them", () => {
    const spec = parseModelSpec({
      name: 'gates_check',
      inputs: {
        text: { kind: 'tokens', vocabSize: 20, maxLength: 5, encoder: { type: 'text', rnn: 'lstm', units: [4] } },
        prices: { kind: 'sequence', steps: 4, features: 2, encoder: { type: 'time-series', layer: 'gru', units: [3] } },
        numeric: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [2] } },
        // gates fields too, but no gates to set: a transformer and a Conv1D.
        notes: { kind: 'tokens', vocabSize: 20, maxLength: 4, encoder: { type: 'text', rnn: 'transformer', embeddingDim: 4, transformer: { layers: 1, heads: 1, ffUnits: 4 } } },
        volumes: { kind: 'sequence', steps: 4, features: 2, encoder: { type: 'time-series', layer: 'conv1d', units: [3] } },
      },
      heads: { y: { type: 'binary' } },
    });
    const { spec: changed, changed: names } = withRecurrentGates(spec, 'sigmoid');
    expect(names).toEqual(['text', 'prices']);
    for (const name of ['numeric', 'notes', 'volumes']) expect(changed.inputs[name]).toBe(spec.inputs[name]);
    expect(spec.inputs.text.encoder).toMatchObject({ gates: 'hardSigmoid' }); // the app's own spec is not changed
    const model = buildModel(changed);
    try {
      const gates = model.layers
        .filter((layer) => ['LSTM', 'GRU'].includes(layer.getClassName()))
        .map((layer) => (layer.getConfig() as { recurrentActivation: string }).recurrentActivation);
      expect(gates).toEqual(['sigmoid', 'sigmoid']);
    } finally {
      model.dispose();
      tf.disposeVariables();
    }
  });
});
