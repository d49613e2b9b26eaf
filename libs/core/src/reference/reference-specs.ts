import { ModelSpecInput } from '../spec/model-spec';

/**
 * The seed reference models of the design document, as specs. Two of the seed's sketches are fixed here:
 * the text LSTMs read an Embedding of the ids (never raw ids), and attention runs over sequences
 * (text steps attending over image patches), not over two flat vectors.
 */
export const referenceSpecs: ModelSpecInput[] = [
  {
    name: 'numeric_categorical',
    description: 'Seed 1: numeric (Dense 64) + categorical (Embedding → Flatten → Dense 32) → concatenate → sigmoid.',
    inputs: {
      numeric: { kind: 'numeric', size: 10, encoder: { type: 'dense', units: [64] } },
      category: { kind: 'categorical', vocabSize: 20, encoder: { type: 'embedding', embeddingDim: 8, units: [32] } },
    },
    fusion: { type: 'concat' },
    heads: { output: { type: 'binary' } },
    seed: 1,
  },
  {
    name: 'text_image_attention',
    description: 'Seed 2: text (Embedding → LSTM 64) + image (Conv2D 32, 3×3) → text steps attend over image patches → sigmoid.',
    inputs: {
      text: { kind: 'tokens', vocabSize: 500, maxLength: 16, encoder: { type: 'text', rnn: 'lstm', units: [64] } },
      image: { kind: 'image', height: 16, width: 16, channels: 1, encoder: { type: 'cnn', filters: [32], kernelSize: 3 } },
    },
    fusion: { type: 'cross-attention', query: 'text', value: 'image', numHeads: 2, keyDim: 16 },
    heads: { output: { type: 'binary' } },
    seed: 2,
  },
  {
    name: 'shared_multitask',
    description: 'Seed 3: one input → shared Dense 64 → output_1 (sigmoid) and output_2 (softmax 10), a loss per output.',
    inputs: { features: { kind: 'numeric', size: 20, encoder: { type: 'dense', units: [64] } } },
    heads: { output_1: { type: 'binary' }, output_2: { type: 'multiclass', classes: 10 } },
    seed: 3,
  },
  {
    name: 'multitask_branches',
    description: 'Seed 4: as seed 3 with Dropout 0.5 and a Dense 32 branch per task; loss weights {output_1: 1, output_2: 0.5}.',
    inputs: { features: { kind: 'numeric', size: 20, encoder: { type: 'dense', units: [64], dropout: 0.5 } } },
    heads: {
      output_1: { type: 'binary', units: [32], lossWeight: 1 },
      output_2: { type: 'multiclass', classes: 10, units: [32], lossWeight: 0.5 },
    },
    seed: 4,
  },
  {
    name: 'image_timeseries',
    description: 'Seed 5: image (Conv2D → Flatten) + time series (LSTM 64) → concatenate → sigmoid.',
    inputs: {
      image: { kind: 'image', height: 16, width: 16, channels: 1, encoder: { type: 'cnn', filters: [32], pooling: true } },
      series: { kind: 'sequence', steps: 20, features: 4, encoder: { type: 'time-series', layer: 'lstm', units: [64] } },
    },
    heads: { output: { type: 'binary' } },
    seed: 5,
  },
  {
    name: 'variable_length',
    description: 'Seed 6: variable-length sequences [null, features] → Masking(0) → LSTM 64 → sigmoid.',
    inputs: {
      series: { kind: 'sequence', steps: null, features: 3, encoder: { type: 'time-series', layer: 'lstm', units: [64], masking: true } },
    },
    heads: { output: { type: 'binary' } },
    seed: 6,
  },
  {
    name: 'healthcare_labs_image',
    description: 'Seed 7 (healthcare): lab values (Dense 64) + chest X-ray (Conv2D → Flatten) → outcome (sigmoid).',
    inputs: {
      labs: { kind: 'numeric', size: 5, encoder: { type: 'dense', units: [64] } },
      xray: { kind: 'image', height: 28, width: 28, channels: 1, encoder: { type: 'cnn', filters: [16, 32] } },
    },
    heads: { outcome: { type: 'binary' } },
    seed: 7,
  },
  {
    name: 'nlp_text_user',
    description: 'Seed 8 (NLP): text (Embedding → LSTM 64) + user features (Dense 32) → sentiment (sigmoid).',
    inputs: {
      text: { kind: 'tokens', vocabSize: 2000, maxLength: 32, encoder: { type: 'text', rnn: 'lstm', units: [64] } },
      user: { kind: 'numeric', size: 8, encoder: { type: 'dense', units: [32] } },
    },
    heads: { sentiment: { type: 'binary' } },
    seed: 8,
  },
  {
    name: 'finance_prices_sentiment',
    description: 'Seed 9 (finance): price window (LSTM 64) + news sentiment (Dense 32) → next return (linear; MSE loss, MAE).',
    inputs: {
      prices: { kind: 'sequence', steps: 30, features: 5, encoder: { type: 'time-series', layer: 'lstm', units: [64] } },
      sentiment: { kind: 'numeric', size: 4, encoder: { type: 'dense', units: [32] } },
    },
    heads: { next_return: { type: 'regression' } },
    seed: 9,
  },
  {
    name: 'autonomous_camera_lidar',
    description: 'Seed 10 (autonomous): camera (Conv2D → Flatten) + LIDAR ranges (Dense 64) → manoeuvre (softmax over 4).',
    inputs: {
      camera: { kind: 'image', height: 32, width: 32, channels: 3, encoder: { type: 'cnn', filters: [16, 32] } },
      lidar: { kind: 'numeric', size: 24, encoder: { type: 'dense', units: [64] } },
    },
    heads: { manoeuvre: { type: 'multiclass', classes: 4 } },
    seed: 10,
  },
];

/** A reference spec by name; the error lists the names there are. */
export function referenceSpec(name: string): ModelSpecInput {
  const spec = referenceSpecs.find((s) => s.name === name);
  if (!spec) throw new Error(`Unknown reference model '${name}'. Known: ${referenceSpecs.map((s) => s.name).join(', ')}`);
  return spec;
}
