import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../random/seeded-random';
import { ModelSpecInput, parseModelSpec } from '../spec/model-spec';
import { buildModel } from './build-model';
import { compileModel } from './compile-model';

/**
 * y = [x₀ + effect(category) > 0]: each input alone explains about three quarters of the labels (≈0.72 and ≈0.78 in theory),
 * both together explain all of them, so the fused model must beat each single-input model.
 */
const effects = [-1.2, -0.8, -0.4, 0.4, 0.8, 1.2];

function makeData(n: number, seed: number) {
  const rng = new SeededRandom(seed);
  const numeric: number[][] = [];
  const category: number[][] = [];
  const label: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x = [rng.normal(), rng.normal(), rng.normal()];
    const c = rng.int(0, effects.length);
    numeric.push(x);
    category.push([c]);
    label.push([x[0] + effects[c] > 0 ? 1 : 0]);
  }
  return { xs: { numeric: tf.tensor2d(numeric), category: tf.tensor2d(category, undefined, 'int32') }, y: tf.tensor2d(label) };
}

const allInputs: ModelSpecInput['inputs'] = {
  numeric: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [16] } },
  category: { kind: 'categorical', vocabSize: effects.length, encoder: { type: 'embedding', embeddingDim: 4 } },
};

async function testAccuracy(inputNames: string[]): Promise<number> {
  const spec = parseModelSpec({
    name: 'signal',
    inputs: Object.fromEntries(inputNames.map((n) => [n, allInputs[n]])),
    fusion: { type: 'concat', units: [16] },
    heads: { label: { type: 'binary' } },
    optimizer: { type: 'adam', learningRate: 0.01 },
    seed: 3,
  });
  const train = makeData(800, 1);
  const test = makeData(400, 2);
  const model = buildModel(spec);
  compileModel(model, spec);
  const pick = (xs: Record<string, tf.Tensor>) => inputNames.map((n) => xs[n]);
  await model.fit(pick(train.xs), train.y, { epochs: 40, batchSize: 32, verbose: 0 });
  const predicted = (model.predict(pick(test.xs)) as tf.Tensor).greater(0.5);
  const accuracy = predicted.cast('float32').equal(test.y).mean().dataSync()[0];
  model.dispose();
  return accuracy;
}

it('a two-input model learns a label that needs both inputs, and beats each input alone', async () => {
  const both = await testAccuracy(['numeric', 'category']);
  const numericOnly = await testAccuracy(['numeric']);
  const categoryOnly = await testAccuracy(['category']);
  expect(numericOnly).toBeLessThan(0.85);
  expect(categoryOnly).toBeLessThan(0.85);
  expect(both).toBeGreaterThan(0.9);
  expect(both - Math.max(numericOnly, categoryOnly)).toBeGreaterThan(0.08);
});
