import * as tf from '@tensorflow/tfjs';
import { parseModelSpec } from '../spec/model-spec';
import { randomInputs, randomTargets } from '../synthetic/random-examples';
import { buildModel } from './build-model';
import { compileModel, weightedHeadLosses } from './compile-model';

const spec = parseModelSpec({
  name: 'two_heads',
  inputs: {
    labs: { kind: 'numeric', size: 4, encoder: { type: 'dense', units: [8] } },
    text: { kind: 'tokens', vocabSize: 20, maxLength: 5, encoder: { type: 'text', embeddingDim: 4, units: [6] } },
  },
  heads: { outcome: { type: 'binary' }, severity: { type: 'multiclass', classes: 3, lossWeight: 0.5 } },
  seed: 7,
});

describe('buildModel', () => {
  it('names inputs and outputs after the spec, in its order', () => {
    const model = buildModel(spec);
    expect(model.inputNames).toEqual(['labs', 'text']);
    expect(model.outputNames).toEqual(['outcome', 'severity']);
    expect(model.inputs.map((i) => [i.shape, i.dtype])).toEqual([
      [[null, 4], 'float32'],
      [[null, 5], 'int32'],
    ]);
    expect(model.outputs.map((o) => o.shape)).toEqual([
      [null, 1],
      [null, 3],
    ]);
    model.dispose();
  });

  it('gives identical initial weights for the same seed and different ones for another seed', () => {
    const weights = (seed: number) => {
      const model = buildModel({ ...spec, seed });
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(8)).not.toEqual(weights(7));
  });

  it('weights each head loss: the total equals Σ weight × head loss', async () => {
    const model = buildModel(spec);
    compileModel(model, spec);
    const x = randomInputs(spec, 16);
    const y = randomTargets(spec, 16);
    const [pOutcome, pSeverity] = model.predict(model.inputNames.map((n) => x[n])) as tf.Tensor[];
    const outcome = tf.metrics.binaryCrossentropy(y.outcome, pOutcome).mean().dataSync()[0];
    const severity = tf.metrics.categoricalCrossentropy(y.severity, pSeverity).mean().dataSync()[0];
    // One full batch: fit logs the loss of the forward pass before its update.
    const history = await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
    expect(history.history.loss[0]).toBeCloseTo(outcome + 0.5 * severity, 5);
    expect(history.history.severity_loss[0]).toBeCloseTo(0.5 * severity, 5);
    expect(Object.keys(weightedHeadLosses(spec))).toEqual(['outcome', 'severity']);
    model.dispose();
  });
});
