import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../model/build-model';
import { referenceSpecs } from '../reference/reference-specs';
import { parseModelSpec } from '../spec/model-spec';
import { randomInputs } from '../synthetic/random-examples';
import { explainExample } from './explain-example';

const firstExample = (inputs: Record<string, tf.Tensor>) => Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, t.slice(0, 1)]));

describe('explainExample', () => {
  it.each(referenceSpecs.map((s) => [s.name, s] as const))('attributions of %s sum to output − baseline output within 1 %%', (_name, input) => {
    const spec = parseModelSpec(input);
    const model = buildModel(spec);
    const all = randomInputs(spec, 2, 7);
    const example = firstExample(all);
    const before = tf.memory().numTensors;
    const explained = explainExample(model, spec, example);
    expect(tf.memory().numTensors).toBe(before);
    for (const [head, e] of Object.entries(explained)) {
      expect(e.completeness.holds).toBe(true);
      expect(Math.abs(e.completeness.sum - (e.output - e.baselineOutput))).toBeLessThanOrEqual(0.01 * Math.max(Math.abs(e.output - e.baselineOutput), 1e-3));
      // The explained output is the model's own prediction.
      const predicted = model.predict(model.inputNames.map((n) => example[n])) as tf.Tensor | tf.Tensor[];
      const outputs = Array.isArray(predicted) ? predicted : [predicted];
      const o = model.outputNames.findIndex((n) => n.split('/')[0] === head);
      expect(e.output).toBeCloseTo((outputs[o].arraySync() as number[][])[0][e.unit], 5);
      tf.dispose(outputs);
      for (const [name, a] of Object.entries(e.attributions)) {
        expect(a.values).toHaveLength(a.shape.reduce((x, y) => x * y, 1));
        expect(a.total).toBeCloseTo(a.values.reduce((x, y) => x + y, 0), 4);
        expect(Number.isFinite(e.ablation[name])).toBe(true);
      }
    }
    tf.dispose([...Object.values(all), ...Object.values(example)]);
    model.dispose();
  });

  it('gives all the credit to the one input the answer depends on', () => {
    const spec = parseModelSpec({
      name: 'one_input_matters',
      inputs: {
        signal: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [4] } },
        words: { kind: 'tokens', vocabSize: 20, maxLength: 5, encoder: { type: 'text', embeddingDim: 4, units: 4 } },
      },
      heads: { y: { type: 'binary' } },
      seed: 3,
    });
    const model = buildModel(spec);
    // Cut the words' encoder off: its embedding is zero, so the answer depends on `signal` only.
    const embedding = model.layers.find((l) => l.getClassName() === 'Embedding')!;
    embedding.setWeights(embedding.getWeights().map((w) => tf.zerosLike(w)));
    const example = { signal: tf.tensor2d([[2, -1, 0.5]]), words: tf.tensor2d([[3, 4, 5, 0, 0]], undefined, 'int32') };
    const { y } = explainExample(model, spec, example);
    expect(Math.abs(y.attributions.signal.total)).toBeGreaterThan(1e-3);
    expect(y.attributions.words.values.every((v) => v === 0)).toBe(true);
    expect(y.ablation.words).toBeCloseTo(y.output, 6);
    expect(y.ablation.signal).toBeCloseTo(y.baselineOutput, 6);
    expect(y.completeness.holds).toBe(true);
    tf.dispose(Object.values(example));
    model.dispose();
  });

  it('explains the class it is asked for, and refuses a batch', () => {
    const spec = parseModelSpec({ name: 'three_classes', inputs: { x: { kind: 'numeric', size: 2, encoder: { type: 'dense', units: [4] } } }, heads: { c: { type: 'multiclass', classes: 3 } }, seed: 1 });
    const model = buildModel(spec);
    const x = tf.tensor2d([[1, 2]]);
    expect(explainExample(model, spec, { x }, { units: { c: 2 } }).c.unit).toBe(2);
    const two = tf.tensor2d([[1, 2], [3, 4]]);
    expect(() => explainExample(model, spec, { x: two })).toThrow("explain: expected input 'x' as one example [1, …], received [2, 2]");
    tf.dispose([x, two]);
    model.dispose();
  });
});
