import { ModelSpecInput } from '../spec/model-spec';
import { expectComponentBehaves } from '../testing';
import { EncoderType } from '.';

type InputSpecInput = ModelSpecInput['inputs'][string];

/** At least one case per registered encoder: the compiler fails when an encoder has none. */
const cases: { [K in EncoderType]: InputSpecInput[] } = {
  dense: [{ kind: 'numeric', size: 5, encoder: { type: 'dense', units: [8, 4], batchNorm: true, dropout: 0.1 } }],
  embedding: [{ kind: 'categorical', vocabSize: 7, length: 2, encoder: { type: 'embedding', embeddingDim: 3, units: [4] } }],
  text: [
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'lstm', units: 5 } },
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'gru', units: 5, bidirectional: true } },
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'none' } },
    { kind: 'tokens', vocabSize: 30, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'transformer', transformer: { layers: 2, heads: 2, ffUnits: 8 } } },
  ],
  cnn: [
    { kind: 'image', height: 8, width: 8, channels: 1, encoder: { type: 'cnn', filters: [4, 4] } },
    { kind: 'image', height: 6, width: 6, channels: 3, encoder: { type: 'cnn', filters: [3], padding: 'valid', pooling: false, output: 'global-average', units: [4] } },
  ],
  'time-series': [
    { kind: 'sequence', steps: 5, features: 2, encoder: { type: 'time-series', layer: 'lstm', units: 4, masking: true } },
    { kind: 'sequence', steps: null, features: 2, encoder: { type: 'time-series', layer: 'gru', units: 4, bidirectional: true } },
    { kind: 'sequence', steps: 5, features: 2, encoder: { type: 'time-series', layer: 'conv1d', units: 4 } },
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
