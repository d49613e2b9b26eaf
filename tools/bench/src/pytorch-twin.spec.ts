import * as tf from '@tensorflow/tfjs';
import { parseModelSpec, randomInputs } from '@mimo/core';
import { AppBatch, appTwinJob } from './app-models';
import { findPytorch, measurePytorchTwin } from './pytorch-reference';

const UNITS = 8;
const spec = parseModelSpec({
  name: 'twin_check',
  inputs: {
    text: { kind: 'tokens', vocabSize: 50, maxLength: 6, encoder: { type: 'text', rnn: 'lstm', units: UNITS } },
    image: { kind: 'image', height: 8, width: 8, channels: 2, encoder: { type: 'cnn', filters: [4], kernelSize: 3, pooling: true } },
    numeric: { kind: 'numeric', size: 5, encoder: { type: 'dense', units: [6], dropout: 0.1 } },
  },
  heads: { yes: { type: 'binary' }, kind: { type: 'multiclass', classes: 3 }, amount: { type: 'regression' } },
  seed: 1,
});

// The twin needs a python3 with torch (Debian's python3-torch, which libtorch-dev brings): without one there is nothing to run.
const withPytorch = findPytorch().ok ? it : it.skip;

describe("an app model's PyTorch twin", () => {
  withPytorch("has the tfjs model's parameters (plus nn.LSTM's second bias vector) and trains", () => {
    const xs = randomInputs(spec, 4);
    const app: AppBatch = { spec, batch: { xs, ys: {} }, examples: 4, description: 'twin check', dispose: () => tf.dispose(Object.values(xs)) };
    const job = appTwinJob(app);
    app.dispose();
    const twin = measurePytorchTwin(job, { repetitions: 1, minSeconds: 0.01, warmupSteps: 1 }, 1, 'cpu');
    expect(twin.ok ? twin.params : twin.reason).toBe(job.tfjsParams + 4 * UNITS);
    expect(twin.ok ? twin.result.median : 0).toBeGreaterThan(0);
  });
});
