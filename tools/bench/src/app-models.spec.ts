import * as tf from '@tensorflow/tfjs';
import { buildModel, parseModelSpec } from '@mimo/core';
import { withRecurrentGates } from './app-models';

describe('withRecurrentGates (the bench\'s --gates)', () => {
  it("sets the gates of every text and time-series encoder, leaves the other inputs alone, and the model's recurrent layers get them", () => {
    const spec = parseModelSpec({
      name: 'gates_check',
      inputs: {
        text: { kind: 'tokens', vocabSize: 20, maxLength: 5, encoder: { type: 'text', rnn: 'lstm', units: [4] } },
        prices: { kind: 'sequence', steps: 4, features: 2, encoder: { type: 'time-series', layer: 'gru', units: [3] } },
        numeric: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [2] } },
      },
      heads: { y: { type: 'binary' } },
    });
    const { spec: changed, changed: names } = withRecurrentGates(spec, 'sigmoid');
    expect(names).toEqual(['text', 'prices']);
    expect(changed.inputs.numeric).toBe(spec.inputs.numeric);
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
