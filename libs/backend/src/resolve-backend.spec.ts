import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '@mimo/backend-torch';
import * as os from 'os';
import { isolateBackendState } from './isolate-backend-state.test-helper';
import { inspectPackage } from './optional-package';
import {
  BACKEND_NAMES,
  BackendChoice,
  BackendSelectionError,
  describeBackend,
  initBackend,
  probeBackends,
} from './resolve-backend';

const tfjsNodeInstalled = inspectPackage('@tensorflow/tfjs-node').installed;
const tfjsNodeGpuInstalled = inspectPackage('@tensorflow/tfjs-node-gpu').installed;
/** Tests that rely on this machine lacking the optional native packages. */
const withoutTfjsNode = tfjsNodeInstalled || tfjsNodeGpuInstalled ? it.skip : it;
/** The torch backend's native addon is built here (`npm run build:torch`); the suite passes either way. */
const torchStatus = registerTorchBackend();
const withTorch = torchStatus.available ? it : it.skip;
/** What a failed forced selection lists as available here. */
const usableHere = torchStatus.available ? 'torch, wasm, cpu' : 'wasm, cpu';

describe('initBackend', () => {
  isolateBackendState();

  it('lists the backends in selection order', () => {
    expect(BACKEND_NAMES).toEqual(['tensorflow-gpu', 'tensorflow', 'torch', 'wasm', 'cpu']);
  });

  it.each([
    ['cpu', 1],
    ['wasm', 1],
  ] as const)('MIMO_BACKEND=%s forces that backend', async (name, threads) => {
    process.env.MIMO_BACKEND = name;

    const choice = await initBackend();

    expect(choice).toMatchObject({ name, tfjsBackend: name, device: 'cpu', threads });
    expect(tf.getBackend()).toBe(name);
    expect(choice.reason).toMatch(new RegExp(`^forced by MIMO_BACKEND=${name}: `));
    expect(tf.tidy(() => Array.from(tf.add(tf.tensor([1, 2]), 1).dataSync()))).toEqual([2, 3]);
  });

  it('lets the explicit option (the CLI --backend) override MIMO_BACKEND', async () => {
    process.env.MIMO_BACKEND = 'wasm';

    const choice = await initBackend({ backend: 'cpu', requestedBy: '--backend' });

    expect(choice.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(choice.reason).toContain('forced by --backend=cpu');
  });

  it.each(['', 'auto', '  '])('treats MIMO_BACKEND=%j as automatic selection', async (value) => {
    process.env.MIMO_BACKEND = value;

    const choice = await initBackend();

    expect(choice.reason).toMatch(/^auto: /);
  });

  withoutTfjsNode('picks torch (or wasm without its addon) automatically and says why the others were skipped', async () => {
    const choice = await initBackend();

    const expected = torchStatus.available ? 'torch' : 'wasm';
    expect(choice).toMatchObject({ name: expected, tfjsBackend: expected, device: 'cpu' });
    expect(tf.getBackend()).toBe(expected);
    expect(choice.reason).toContain('tensorflow-gpu skipped: @tensorflow/tfjs-node-gpu not installed');
    expect(choice.reason).toContain('tensorflow skipped: @tensorflow/tfjs-node not installed');
    if (!torchStatus.available) expect(choice.reason).toContain(`torch skipped: ${torchStatus.reason}`);
    expect(choice.reason).toContain(`picked ${expected}`);
  });

  withTorch('MIMO_BACKEND=torch forces torch on MIMO_THREADS threads (else every core), with the libtorch version and the bridged kernel count', async () => {
    process.env.MIMO_BACKEND = 'torch';

    const choice = await initBackend();

    const threads = Number(process.env.MIMO_THREADS || os.availableParallelism());
    expect(choice).toMatchObject({ name: 'torch', tfjsBackend: 'torch', device: 'cpu', threads });
    expect(choice.reason).toMatch(/^forced by MIMO_BACKEND=torch: libtorch \d+\.\d+.*native kernels, \d+ bridged from cpu$/);
    expect(tf.tidy(() => Array.from(tf.add(tf.tensor([1, 2]), 1).dataSync()))).toEqual([2, 3]);
  });

  it('is idempotent: a second call picks the same backend and re-registers nothing', async () => {
    const warn = jest.spyOn(console, 'warn');
    try {
      const first = await initBackend({ backend: 'wasm' });
      const second = await initBackend({ backend: 'wasm' });

      expect(second).toEqual(first);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('serialises concurrent calls; the last one wins', async () => {
    const [a, b] = await Promise.all([initBackend({ backend: 'wasm' }), initBackend({ backend: 'cpu' })]);

    expect([a.name, b.name]).toEqual(['wasm', 'cpu']);
    expect(tf.getBackend()).toBe('cpu');
  });

  withoutTfjsNode('forcing tensorflow without @tensorflow/tfjs-node names the package and lists what is available', async () => {
    await tf.setBackend('cpu');
    process.env.MIMO_BACKEND = 'tensorflow';

    const error = await initBackend().then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(BackendSelectionError);
    const selectionError = error as BackendSelectionError;
    expect(selectionError.message).toContain("Backend 'tensorflow' was requested by MIMO_BACKEND but is not available");
    expect(selectionError.message).toContain('@tensorflow/tfjs-node not installed');
    expect(selectionError.message).toContain('npm install @tensorflow/tfjs-node@4.22.0');
    expect(selectionError.message).toContain(`Available backends: ${usableHere}.`);
    expect(selectionError.available).toEqual(usableHere.split(', '));
    expect(tf.getBackend()).toBe('cpu');
  });

  withoutTfjsNode('forcing tensorflow-gpu without @tensorflow/tfjs-node-gpu names that package', async () => {
    await expect(initBackend({ backend: 'tensorflow-gpu', requestedBy: '--backend' })).rejects.toThrow(
      new RegExp(`Backend 'tensorflow-gpu' was requested by --backend but is not available: @tensorflow/tfjs-node-gpu not installed.*Available backends: ${usableHere}\\.`),
    );
  });

  it('rejects an unknown name and lists the valid ones', async () => {
    process.env.MIMO_BACKEND = 'webgpu';

    await expect(initBackend()).rejects.toThrow(
      "Unknown backend 'webgpu' (from MIMO_BACKEND). Expected one of: tensorflow-gpu, tensorflow, torch, wasm, cpu (or 'auto').",
    );
  });
});

describe('probeBackends', () => {
  it('probes every backend in selection order', async () => {
    const probes = await probeBackends();

    expect(probes.map((p) => p.name)).toEqual([...BACKEND_NAMES]);
    expect(probes.find((p) => p.name === 'wasm')).toMatchObject({ installed: true, usable: true, version: '4.22.0' });
    expect(probes.find((p) => p.name === 'cpu')).toMatchObject({ installed: true, usable: true });
  });

  withoutTfjsNode('reports tfjs-node as not installed, with the reason and the package', async () => {
    const probes = await probeBackends();

    expect(probes.find((p) => p.name === 'tensorflow')).toEqual({
      name: 'tensorflow',
      package: '@tensorflow/tfjs-node',
      installed: false,
      usable: false,
      version: undefined,
      reason: '@tensorflow/tfjs-node not installed (optional dependency)',
    });
    expect(probes.find((p) => p.name === 'tensorflow-gpu')).toMatchObject({
      package: '@tensorflow/tfjs-node-gpu',
      installed: false,
      usable: false,
    });
  });
});

describe('describeBackend', () => {
  it('is one line with name, device, threads and the reason', () => {
    const choice: BackendChoice = {
      name: 'wasm',
      tfjsBackend: 'wasm',
      device: 'cpu',
      threads: 1,
      reason: 'auto: tensorflow skipped: @tensorflow/tfjs-node not installed; picked wasm',
    };

    expect(describeBackend(choice)).toBe(
      'backend: wasm (device cpu, 1 thread) — auto: tensorflow skipped: @tensorflow/tfjs-node not installed; picked wasm',
    );
    expect(describeBackend({ ...choice, name: 'tensorflow-gpu', tfjsBackend: 'tensorflow', device: 'cuda', threads: undefined })).toBe(
      "backend: tensorflow-gpu (device cuda, tfjs 'tensorflow') — auto: tensorflow skipped: @tensorflow/tfjs-node not installed; picked wasm",
    );
  });
});
