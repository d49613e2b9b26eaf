import { FusionConfigSchema } from '.';
import { ModelSpecInput } from '../spec/model-spec';
import { expectComponentBehaves } from '../testing';
import { z } from 'zod';

const inputs: ModelSpecInput['inputs'] = {
  text: { kind: 'tokens', vocabSize: 20, maxLength: 5, encoder: { type: 'text', embeddingDim: 4, units: [6] } },
  image: { kind: 'image', height: 8, width: 8, channels: 1, encoder: { type: 'cnn', filters: [4] } },
  labs: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [4] } },
};

/** At least one case per registered fusion: the compiler fails when a fusion has none. */
const cases: { [K in z.input<typeof FusionConfigSchema>['type']]: z.input<typeof FusionConfigSchema>[] } = {
  concat: [{ type: 'concat', units: [8], dropout: 0.2 }],
  'cross-attention': [
    { type: 'cross-attention', query: 'text', value: 'image', numHeads: 2, keyDim: 4 },
    { type: 'cross-attention', query: 'image', value: 'text', numHeads: 1, keyDim: 4, units: [5] },
  ],
  gated: [{ type: 'gated', units: [6] }],
};

describe.each(Object.values(cases).flat().map((fusion, i) => [`${fusion.type} #${i + 1}`, fusion] as const))('fusion %s', (_name, fusion) => {
  it('passes the component checks', async () => {
    await expectComponentBehaves({ name: 'fusion_case', inputs, fusion, heads: { y: { type: 'binary' } }, seed: 2 });
  });
});
