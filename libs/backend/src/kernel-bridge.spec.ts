import * as tf from '@tensorflow/tfjs';
import {
  fallbackCounts,
  getKernelBridge,
  installKernelBridge,
  removeKernelBridge,
  resetFallbackCounts,
  WASM_UNBRIDGEABLE_KERNELS,
} from './kernel-bridge';
import { initBackend } from './resolve-backend';

/** A model, a batch for it, and the kernel its training step needs that wasm lacks. */
interface BridgeCase {
  title: string;
  build: () => tf.LayersModel;
  batch: () => { xs: tf.Tensor; ys: tf.Tensor };
  bridgedKernel: string;
}

/** Deterministic values in [-1, 1), the same on every backend. */
const wave = (n: number, phase: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + phase));

const CASES: BridgeCase[] = [
  {
    title: 'conv2d 3x3 → flatten → dense',
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3, activation: 'relu' }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 2 }),
        ],
      }),
    batch: () => ({ xs: tf.tensor4d(wave(4 * 6 * 6 * 2, 0), [4, 6, 6, 2]), ys: tf.tensor2d(wave(8, 1), [4, 2]) }),
    bridgedKernel: 'Conv2DBackpropFilter',
  },
  {
    title: 'conv2d → depthwiseConv2d → flatten → dense',
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 2, kernelSize: 2 }),
          tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, activation: 'tanh' }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 1 }),
        ],
      }),
    batch: () => ({ xs: tf.tensor4d(wave(3 * 6 * 6 * 2, 2), [3, 6, 6, 2]), ys: tf.tensor2d(wave(3, 3), [3, 1]) }),
    bridgedKernel: 'DepthwiseConv2dNativeBackpropFilter',
  },
  {
    title: 'embedding → flatten → dense (gather gradient)',
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 7, outputDim: 4, inputLength: 5 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 1 }),
        ],
      }),
    batch: () => ({
      xs: tf.tensor2d([0, 1, 2, 3, 4, 6, 6, 5, 1, 0], [2, 5]),
      ys: tf.tensor2d([0.5, -0.25], [2, 1]),
    }),
    bridgedKernel: 'UnsortedSegmentSum',
  },
];

interface StepResult {
  loss: number;
  weights: Float32Array[];
}

/** Builds the case's model on the active backend, optionally with given weights, and trains one SGD step. */
async function trainOneStep(c: BridgeCase, initial?: Float32Array[]): Promise<StepResult & { initial: Float32Array[] }> {
  const model = c.build();
  if (initial) model.setWeights(initial.map((values, i) => tf.tensor(values, model.getWeights()[i]?.shape)));
  const start = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const { xs, ys } = c.batch();
  const loss = (await model.trainOnBatch(xs, ys)) as number;
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  tf.dispose([xs, ys]);
  model.dispose();
  return { loss, weights, initial: start };
}

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  expect(a.map((x) => x.length)).toEqual(b.map((x) => x.length));
  let max = 0;
  a.forEach((x, i) => x.forEach((v, j) => (max = Math.max(max, Math.abs(v - (b[i]?.[j] ?? NaN))))));
  return max;
}

describe('kernel bridge (wasm ← cpu)', () => {
  let savedBackend: string;
  let savedFlags: { IS_TEST: boolean; PROD: boolean };
  beforeAll(async () => {
    await tf.ready();
    savedBackend = tf.getBackend();
    // The jest setup sets IS_TEST, which makes tfjs count every kernel's data ids; on
    // wasm that check misfires inside custom-gradient ops ("Backend 'wasm' has an
    // internal memory leak (4 data ids) after running 'fusedMatMul__op'") although the
    // same training loop holds a constant tensor count outside jest. PROD silences the
    // same warnings without that check.
    savedFlags = { IS_TEST: tf.env().getBool('IS_TEST'), PROD: tf.env().getBool('PROD') };
    tf.env().set('IS_TEST', false);
    tf.env().set('PROD', true);
  });
  afterAll(async () => {
    tf.env().set('IS_TEST', savedFlags.IS_TEST);
    tf.env().set('PROD', savedFlags.PROD);
    await tf.setBackend(savedBackend);
  });
  beforeEach(() => resetFallbackCounts());

  it.each(CASES)('trains $title one step on wasm exactly as on cpu', async (c) => {
    await initBackend({ backend: 'cpu' });
    const onCpu = await trainOneStep(c);

    await initBackend({ backend: 'wasm' });
    const onWasm = await trainOneStep(c, onCpu.initial);

    expect(maxAbsDiff(onWasm.initial, onCpu.initial)).toBe(0);
    expect(Math.abs(onWasm.loss - onCpu.loss)).toBeLessThan(1e-4);
    expect(maxAbsDiff(onWasm.weights, onCpu.weights)).toBeLessThan(1e-4);
    // The step really changed the weights, so the comparison is not vacuous.
    expect(maxAbsDiff(onWasm.weights, onCpu.initial)).toBeGreaterThan(1e-4);
    expect(fallbackCounts()[c.bridgedKernel]).toBeGreaterThan(0);
  });

  it('is what makes that training possible: without it wasm has no Conv2DBackpropFilter', async () => {
    await initBackend({ backend: 'wasm' });
    removeKernelBridge('wasm');
    try {
      await expect(trainOneStep(CASES[0] as BridgeCase)).rejects.toThrow(
        "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'",
      );
    } finally {
      await initBackend({ backend: 'wasm' });
    }
    expect(getKernelBridge('wasm')?.bridged).toContain('Conv2DBackpropFilter');
  });

  it('bridges exactly the cpu kernels wasm lacks, except the complex-valued ones', async () => {
    await initBackend({ backend: 'wasm' });
    const bridge = getKernelBridge('wasm');
    const cpuKernels = tf.getKernelsForBackend('cpu').map((k) => k.kernelName);
    const bridged = new Set(bridge?.bridged);
    const wasmNative = tf
      .getKernelsForBackend('wasm')
      .map((k) => k.kernelName)
      .filter((name) => !bridged.has(name));
    const lacking = cpuKernels.filter((name) => !wasmNative.includes(name)).sort();

    expect([...(bridge?.bridged ?? []), ...(bridge?.skipped.map((s) => s.kernelName) ?? [])].sort()).toEqual(lacking);
    expect(bridge?.skipped.map((s) => s.kernelName).sort()).toEqual(Object.keys(WASM_UNBRIDGEABLE_KERNELS).sort());
    expect(bridge?.bridged).toEqual(
      expect.arrayContaining(['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'UnsortedSegmentSum', 'Einsum']),
    );
  });

  it('copies results back exactly, frees every intermediate and counts each call', async () => {
    await initBackend({ backend: 'wasm' });
    const data = tf.tensor1d([1, 2, 3, 4, 5]);
    const segments = tf.tensor1d([0, 2, 0, 1, 2], 'int32');
    const before = tf.memory().numTensors;
    // With IS_TEST on, tfjs checks each kernel left exactly its outputs behind on wasm.
    tf.env().set('IS_TEST', true);
    let sums: number[];
    let product: number[];
    try {
      sums = tf.tidy(() => Array.from(tf.unsortedSegmentSum(data, segments, 3).dataSync()));
      product = tf.tidy(() => Array.from(tf.einsum('ij,jk->ik', tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()));
    } finally {
      tf.env().set('IS_TEST', false);
    }

    expect(sums).toEqual([4, 4, 7]);
    expect(product).toEqual([11]);
    expect(tf.memory().numTensors).toBe(before);
    expect(fallbackCounts()).toEqual({ UnsortedSegmentSum: 1, Einsum: 1 });
    resetFallbackCounts();
    expect(fallbackCounts()).toEqual({});
    tf.dispose([data, segments]);
  });

  it('carries string tensors through (StaticRegexReplace)', async () => {
    await initBackend({ backend: 'wasm' });

    const out = tf.tidy(() => tf.string.staticRegexReplace(tf.tensor1d(['a-b', 'c--d'], 'string'), '-+', ' ').arraySync());

    expect(out).toEqual(['a b', 'c d']);
    expect(fallbackCounts().StaticRegexReplace).toBe(1);
  });

  it('refuses a bridge from a backend onto itself', () => {
    expect(() => installKernelBridge({ sourceBackend: 'cpu', targetBackend: 'cpu' })).toThrow(
      'A kernel bridge needs two different backends',
    );
  });
});
