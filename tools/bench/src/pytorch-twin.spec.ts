import * as tf from '@tensorflow/tfjs';
import { parseModelSpec, randomInputs } from '@mimo/core';
import { AppBatch, appTwinJob } from './app-models';
import { findPytorch, PytorchWorker } from './pytorch-reference';

const UNITS = 8;
const spec = parseModelSpec({
  name: 'twin_check',
  inputs: {
    text: { kind: 'tokens', vocabSize: 50, maxLength: 6, encoder: { type: 'text', rnn: 'lstm', units: [UNITS] } },
    image: { kind: 'image', height: 8, width: 8, channels: 2, encoder: { type: 'cnn', filters: [4], kernelSize: 3, pooling: true } },
    numeric: { kind: 'numeric', size: 5, encoder: { type: 'dense', units: [6], dropout: 0.1 } },
  },
  heads: { yes: { type: 'binary' }, kind: { type: 'multiclass', classes: 3 }, amount: { type: 'regression' } },
  seed: 1,
});

// The worker needs a python3 with torch (Debian's python3-torch, which libtorch-dev brings): without one there is nothing to run.
const withPytorch = findPytorch().ok ? it : it.skip;

describe('the PyTorch worker', () => {
  let worker: PytorchWorker | undefined;
  beforeAll(async () => {
    if (!findPytorch().ok) return;
    const started = await PytorchWorker.start(1, 'cpu');
    if (!started.ok) throw new Error(started.reason);
    worker = started.worker;
  });
  afterAll(() => worker?.close());

  withPytorch("builds an app model's twin with the tfjs model's parameters (plus nn.LSTM's second bias vector) and trains it", async () => {
    const xs = randomInputs(spec, 4);
    const app: AppBatch = { spec, batch: { xs, ys: {} }, examples: 4, description: 'twin check', dispose: () => tf.dispose(Object.values(xs)) };
    const { tfjsParams, ...twin } = appTwinJob(app);
    app.dispose();
    const { params, run } = await (worker as PytorchWorker).prepare({ twin }, 1);
    expect(params).toBe(tfjsParams + 4 * UNITS);
    await run.warmUp();
    expect(await run.repetition(0.01)).toBeGreaterThan(0);
  });

  withPytorch('times a bench model, and answers a request it cannot serve with an error naming why, then goes on', async () => {
    const w = worker as PytorchWorker;
    await expect(w.prepare({ bench: 'nope' as 'mlp', batch: 4 }, 1)).rejects.toThrow("ValueError: no bench model 'nope'");
    const { params, run } = await w.prepare({ bench: 'mlp', batch: 4 }, 1);
    expect(params).toBe(64 * 256 + 256 + 256 * 256 + 256 + 256 + 1);
    expect(await run.repetition(0.01)).toBeGreaterThan(0);
  });

  withPytorch('fails every request with why once its worker has died, instead of hanging or crashing the bench', async () => {
    const started = await PytorchWorker.start(1, 'cpu');
    if (!started.ok) throw new Error(started.reason);
    const dying = started.worker;
    dying['child'].kill('SIGKILL');
    await expect(dying.prepare({ bench: 'mlp', batch: 4 }, 1)).rejects.toThrow(/pytorch_bench\.py ended \(SIGKILL\)/);
    await expect(dying.prepare({ bench: 'mlp', batch: 4 }, 1)).rejects.toThrow(/ended \(SIGKILL\)/);
    dying.close();
  });
});
