import * as tf from '@tensorflow/tfjs';
import { parseModelSpec, randomInputs } from '@mimo/core';
import { AppBatch, appTwinJob, endPaddedLengths } from './app-models';
import { findPytorch, PYTORCH_ADAMS, PytorchWorker, versionParts } from './pytorch-reference';

/** One warm-up step and no minimum time: the checks here time nothing. */
const NO_WARMUP = { steps: 1, seconds: 0 };

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
    const { params, run } = await (worker as PytorchWorker).prepare({ twin }, NO_WARMUP);
    expect(params).toBe(tfjsParams + 4 * UNITS);
    await run.warmUp();
    expect(await run.repetition(0.01)).toBeGreaterThan(0);
  });

  withPytorch("packs a sigmoid LSTM's rows with the real batch's lengths where asked (as Mimo does on cuda), and nowhere else", async () => {
    const packedWith = async (gates: 'sigmoid' | 'hardSigmoid', pack: boolean | undefined) => {
      const textSpec = parseModelSpec({
        name: 'packing_check',
        inputs: { text: { kind: 'tokens', vocabSize: 50, maxLength: 6, encoder: { type: 'text', rnn: 'lstm', units: [UNITS], gates } } },
        heads: { yes: { type: 'binary' } },
        seed: 1,
      });
      const xs = { text: tf.tensor2d([[3, 4, 0, 0, 0, 0], [5, 0, 0, 0, 0, 0], [1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0]], undefined, 'int32') };
      const app: AppBatch = { spec: textSpec, batch: { xs, ys: {} }, examples: 4, description: 'packing check', dispose: () => tf.dispose(Object.values(xs)) };
      const { tfjsParams, ...twin } = appTwinJob(app);
      app.dispose();
      expect(twin.inputs.text.lengths).toEqual([2, 1, 6, 0]);
      const { params, packed, run } = await (worker as PytorchWorker).prepare({ twin: { ...twin, ...(pack === undefined ? {} : { pack }) } }, NO_WARMUP);
      expect(params).toBe(tfjsParams + 4 * UNITS);
      expect(await run.repetition(0.01)).toBeGreaterThan(0);
      return packed;
    };
    expect(await packedWith('sigmoid', true)).toBe(1);
    expect(await packedWith('hardSigmoid', true)).toBe(0); // Mimo runs its own passes, every step
    expect(await packedWith('sigmoid', false)).toBe(0);
    expect(await packedWith('sigmoid', undefined)).toBe(0); // the worker's device here is the cpu
  });

  withPytorch('times a bench model, and answers a request it cannot serve with an error naming why, then goes on', async () => {
    const w = worker as PytorchWorker;
    await expect(w.prepare({ bench: 'nope' as 'mlp', batch: 4 }, NO_WARMUP)).rejects.toThrow("ValueError: no bench model 'nope'");
    const { params, run } = await w.prepare({ bench: 'mlp', batch: 4 }, NO_WARMUP);
    expect(params).toBe(64 * 256 + 256 + 256 * 256 + 256 + 256 + 1);
    expect(await run.repetition(0.01)).toBeGreaterThan(0);
  });

  withPytorch("trains with the Adam it is asked for and says which: fused where this torch has it on the cpu (2.4 on), else torch's default and why", async () => {
    const fusedOnCpu = (version: string) => {
      const [major, minor] = versionParts(version);
      return major > 2 || (major === 2 && minor >= 4);
    };
    for (const wanted of PYTORCH_ADAMS) {
      const started = await PytorchWorker.start(1, 'cpu', wanted);
      if (!started.ok) throw new Error(started.reason);
      try {
        const runs = wanted === 'fused' && fusedOnCpu(started.version) ? 'fused' : 'default';
        if (wanted === 'fused' && runs === 'default') expect(started.adam).toMatch(/^default \(fused: .+\)$/);
        else expect(started.adam).toBe(runs);
        expect((await started.worker.prepare({ loop: 'mlp', batch: 4 }, NO_WARMUP)).adam).toBe(runs);
      } finally {
        started.worker.close();
      }
    }
  });

  withPytorch('flushes denormal floats to zero as Mimo does by default, and keeps them when told to', async () => {
    for (const [flush, denormals] of [[true, 'flushed'], [false, 'kept']] as const) {
      const started = await PytorchWorker.start(1, 'cpu', 'fused', flush);
      if (!started.ok) throw new Error(started.reason);
      started.worker.close();
      expect(started.denormals).toBe(denormals);
    }
  });

  withPytorch('fails every request with why once its worker has died, instead of hanging or crashing the bench', async () => {
    const started = await PytorchWorker.start(1, 'cpu');
    if (!started.ok) throw new Error(started.reason);
    const dying = started.worker;
    dying['child'].kill('SIGKILL');
    await expect(dying.prepare({ bench: 'mlp', batch: 4 }, NO_WARMUP)).rejects.toThrow(/pytorch_bench\.py ended \(SIGKILL\)/);
    await expect(dying.prepare({ bench: 'mlp', batch: 4 }, NO_WARMUP)).rejects.toThrow(/ended \(SIGKILL\)/);
    dying.close();
  });
});

describe('endPaddedLengths', () => {
  it("gives each row's tokens where every row is padded with 0 at its end, and nothing for a hole or another layout", () => {
    const lengthsOf = (rows: number[][], dtype: 'int32' | 'float32' = 'int32') => {
      const ids = tf.tensor2d(rows, undefined, dtype);
      try {
        return endPaddedLengths(ids);
      } finally {
        ids.dispose();
      }
    };
    expect(lengthsOf([[7, 8, 0], [9, 9, 9], [0, 0, 0]])).toEqual([2, 3, 0]);
    expect(lengthsOf([[7, 0, 8], [9, 9, 9]])).toBeUndefined();
    expect(lengthsOf([[0, 7, 8]])).toBeUndefined();
    expect(lengthsOf([[1.5, 0]], 'float32')).toBeUndefined();
  });
});
