import { SpecOptions } from '@mimo/app-kit';
import { ModelSpecInput, referenceSpec } from '@mimo/core';
import { CATEGORICAL_CONTEXT, NUMERIC_CONTEXT, TEXT_INPUT } from './data/text-table';

/** The app's reference spec, as `mimo nlp spec` shows it (text + user features → sentiment). */
export const nlpSpec = referenceSpec('nlp_text_user');

export const TEXT_ENCODERS = ['lstm', 'bigru', 'transformer'] as const;
export type TextEncoderChoice = (typeof TEXT_ENCODERS)[number];

/** Loss weight of the auxiliary heads (every label after the first). */
export const AUXILIARY_LOSS_WEIGHT = 0.3;

type InputConfig = ModelSpecInput['inputs'][string];
type TextEncoder = Extract<InputConfig['encoder'], { type: 'text' }>;

/** The three text encoders at about the same width (64-dim token vectors, 64-dim text features). */
export const TEXT_ENCODER_CONFIGS: Record<TextEncoderChoice, TextEncoder> = {
  lstm: { type: 'text', embeddingDim: 64, rnn: 'lstm', units: [64] },
  bigru: { type: 'text', embeddingDim: 64, rnn: 'gru', units: [32], bidirectional: true },
  transformer: { type: 'text', embeddingDim: 64, rnn: 'transformer', transformer: { layers: 2, heads: 4, ffUnits: 128, dropout: 0.1 } },
};

const specBase = (dataName: string) => (dataName === 'SpamAssassin' ? 'spam' : dataName === 'UCI sentiment' ? 'uci_sentiment' : 'text_table');

/**
 * The NLP spec for prepared data: `text` → the chosen text encoder; numeric context → Dense [16]; categorical
 * context → an 8-dim embedding; fusion concat + Dense 32 (dropout 0.3; `--fusion gated`: gated fusion);
 * heads from the labels, the first with weight 1, the others auxiliary (0.3). Name `<data>_<encoder>`.
 */
export function createNlpSpec({ data, fusion }: SpecOptions, encoder: TextEncoderChoice): ModelSpecInput {
  const shapes = data.inputs;
  const inputs: ModelSpecInput['inputs'] = {};
  if (shapes[TEXT_INPUT]) inputs[TEXT_INPUT] = { ...shapes[TEXT_INPUT], encoder: TEXT_ENCODER_CONFIGS[encoder] };
  if (shapes[NUMERIC_CONTEXT]) inputs[NUMERIC_CONTEXT] = { ...shapes[NUMERIC_CONTEXT], encoder: { type: 'dense', units: [16] } };
  if (shapes[CATEGORICAL_CONTEXT]) inputs[CATEGORICAL_CONTEXT] = { ...shapes[CATEGORICAL_CONTEXT], encoder: { type: 'embedding', embeddingDim: 8 } };
  const heads = Object.fromEntries(
    Object.entries(data.heads ?? {}).map(([name, head], i) => [name, i === 0 ? head : { ...head, lossWeight: AUXILIARY_LOSS_WEIGHT }]),
  );
  return {
    name: `${specBase(data.card.name)}_${encoder}`,
    description: 'Text + context features → label (+ auxiliary heads)',
    inputs,
    fusion: fusion === 'gated' && Object.keys(inputs).length > 1 ? { type: 'gated', units: [32] } : { type: 'concat', units: [32], dropout: 0.3 },
    heads,
    optimizer: { type: 'adam', learningRate: 0.002 },
  };
}
