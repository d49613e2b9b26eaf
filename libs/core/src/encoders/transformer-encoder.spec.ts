import * as tf from '@tensorflow/tfjs';
import { BuildContext } from '../model/build-context';
import { textEncoder, TextEncoderConfigSchema } from './text-encoder';

/** The transformer text encoder alone, as a model `[batch, maxLength] ids → [batch, d] features`. */
function encoderModel(maxLength: number): tf.LayersModel {
  const input = tf.input({ shape: [maxLength], dtype: 'int32', name: 'ids' });
  const config = TextEncoderConfigSchema.parse({ type: 'text', embeddingDim: 8, rnn: 'transformer', transformer: { layers: 2, heads: 2, ffUnits: 16 } });
  const { features } = textEncoder.build({ input, inputSpec: { kind: 'tokens', vocabSize: 20, maxLength }, config, ctx: new BuildContext('text', 7), needsSequence: false });
  return tf.model({ inputs: input, outputs: features });
}

describe("text encoder, rnn: 'transformer'", () => {
  it('gives the same features for a text whatever padding follows it (masked attention and pooling)', () => {
    const long = encoderModel(7);
    const short = encoderModel(3);
    // Same weights; the short model keeps the first 3 position vectors.
    short.setWeights(long.getWeights().map((w) => (w.shape[0] === 7 ? w.slice([0, 0], [3, -1]) : w)));
    const padded = long.predict(tf.tensor2d([[4, 9, 13, 0, 0, 0, 0]], [1, 7], 'int32')) as tf.Tensor;
    const exact = short.predict(tf.tensor2d([[4, 9, 13]], [1, 3], 'int32')) as tf.Tensor;
    expect(padded.shape).toEqual([1, 8]);
    expect(Array.from(padded.dataSync())).toEqual(Array.from(exact.dataSync()).map((v) => expect.closeTo(v, 5)));
  });

  it('reads word order through the position embeddings', () => {
    const model = encoderModel(4);
    const [a, b] = (model.predict(tf.tensor2d([[4, 9, 13, 0], [13, 9, 4, 0]], [2, 4], 'int32')) as tf.Tensor).arraySync() as number[][];
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeGreaterThan(1e-4);
  });

  it('rejects an unknown transformer option', () => {
    expect(() => TextEncoderConfigSchema.parse({ type: 'text', rnn: 'transformer', transformer: { heads: 0 } })).toThrow(/heads/);
  });
});
