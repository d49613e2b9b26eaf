import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../model/build-model';
import { SeededRandom } from '../random/seeded-random';
import { parseModelSpec } from '../spec/model-spec';
import { Trainer } from '../training';

const GROUPS = 3;
const TEXTS = 4;
const WORDS = 5;
const spec = parseModelSpec({
  name: 'tweets_by_day',
  inputs: { tweets: { kind: 'token-groups', vocabSize: 20, groups: GROUPS, texts: TEXTS, maxLength: WORDS, encoder: { type: 'hierarchical-text', embeddingDim: 8, units: 8 } } },
  heads: { y: { type: 'binary' } },
  optimizer: { type: 'adam', learningRate: 0.01 },
  seed: 5,
});

/** Random texts (some groups empty, texts of random length, words 1–19); label 1 when word 7 is in the last group. */
function examples(n: number, seed: number): { ids: number[][][][]; labels: number[] } {
  const rng = new SeededRandom(seed);
  const ids: number[][][][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = rng.int(0, 2);
    const example = Array.from({ length: GROUPS }, (_, g) => {
      const texts = g === GROUPS - 1 ? rng.int(1, TEXTS + 1) : rng.int(0, TEXTS + 1);
      return Array.from({ length: TEXTS }, (_, t) => {
        const length = t < texts ? rng.int(1, WORDS + 1) : 0;
        return Array.from({ length: WORDS }, (_, w) => (w < length ? 8 + rng.int(0, 12) : 0));
      });
    });
    if (label === 1) example[GROUPS - 1][rng.int(0, TEXTS)][0] = 7;
    ids.push(example);
    labels.push(example[GROUPS - 1].some((text) => text.includes(7)) ? 1 : 0);
  }
  return { ids, labels };
}

describe('hierarchical-text encoder', () => {
  it('learns which group a word is in: accuracy ≥ 0.9 on held-out examples', async () => {
    const model = buildModel(spec);
    const train = examples(512, 1);
    const test = examples(200, 2);
    const trainer = new Trainer(model, spec, { epochs: 12, batchSize: 32 });
    await trainer.fit({ xs: { tweets: tf.tensor4d(train.ids, undefined, 'int32') }, ys: { y: tf.tensor2d(train.labels, [train.labels.length, 1]) } });
    const predicted = (model.predict(tf.tensor4d(test.ids, undefined, 'int32')) as tf.Tensor).dataSync();
    const accuracy = test.labels.filter((label, i) => (predicted[i] > 0.5 ? 1 : 0) === label).length / test.labels.length;
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('ignores padding: the padding id\'s embedding changes no answer, and an example with no text at all is finite', () => {
    const model = buildModel(spec);
    const { ids } = examples(16, 3);
    ids[0] = ids[0].map((group) => group.map((text) => text.map(() => 0)));
    const x = tf.tensor4d(ids, undefined, 'int32');
    const before = (model.predict(x) as tf.Tensor).dataSync();
    const embedding = model.getLayer('tweets_embedding');
    const [table] = embedding.getWeights();
    embedding.setWeights([tf.concat([tf.fill([1, 8], 123), tf.slice(table, [1, 0], [-1, -1])])]);
    const after = (model.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
    expect(Number.isFinite(after[0])).toBe(true);
  });
});
