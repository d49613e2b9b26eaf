import * as tf from '@tensorflow/tfjs';

/**
 * Kernel bridge: fills the kernels a target backend lacks with a source backend's
 * kernels. Each bridged call copies its inputs out of the target into a private
 * instance of the source backend, runs the source kernel there, copies the outputs
 * back into target tensors and frees the source copies. Slow (two copies per call)
 * but exact, and only for kernels the target does not have at all.
 *
 * Used for wasm ← cpu (tfjs-backend-wasm has no Conv2DBackpropFilter, no
 * UnsortedSegmentSum, …); a native backend (torch) can reuse it the same way.
 */

/** Named inputs of a kernel call, as the engine passes them. */
type KernelInputs = Parameters<tf.KernelFunc>[0]['inputs'];

export interface KernelBridgeOptions {
  /** Backend whose kernels fill the gaps, e.g. `'cpu'`. Must be registered with tf. */
  sourceBackend: string;
  /** Backend that lacks kernels, e.g. `'wasm'`. Need not be initialised yet. */
  targetBackend: string;
  /**
   * Creates the private source-backend instance the bridged kernels run on (never the
   * engine's own instance, so bridged data never shows up in `tf.memory()`).
   * Defaults to `new tf.MathBackendCPU()` when `sourceBackend` is `'cpu'`; required otherwise.
   */
  createSource?: () => tf.KernelBackend;
  /** Kernel names never to bridge, each with the reason. Defaults to none. */
  exclude?: Readonly<Record<string, string>>;
}

/** What `installKernelBridge` did. */
export interface KernelBridge {
  sourceBackend: string;
  targetBackend: string;
  /** Kernels the target now runs through the source, sorted. */
  bridged: string[];
  /** Kernels the target lacks that were left unbridged, with why. */
  skipped: Array<{ kernelName: string; reason: string }>;
}

/**
 * Kernels a wasm bridge must not fill: tfjs-backend-wasm cannot store complex64
 * tensors, so a complex output could not be copied back (and a complex input never exists).
 */
export const WASM_UNBRIDGEABLE_KERNELS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    ['Complex', 'ComplexAbs', 'Real', 'Imag', 'FFT', 'IFFT'].map((name) => [name, 'wasm cannot store complex64 tensors']),
  ),
);

interface InstalledBridge {
  sourceBackend: string;
  /** Bridged kernel name → true. */
  kernels: Set<string>;
  skipped: Map<string, string>;
}

/** Target backend name → its bridge. */
const bridges = new Map<string, InstalledBridge>();
/** Kernel name → number of bridged calls since the last reset. */
let counts: Record<string, number> = {};

/**
 * Registers, on `targetBackend`, every kernel that `sourceBackend` has and the target
 * lacks (minus `exclude`). Idempotent: a second call bridges only kernels registered
 * on the source since, and returns the whole bridge.
 */
export function installKernelBridge(options: KernelBridgeOptions): KernelBridge {
  const { sourceBackend, targetBackend } = options;
  if (sourceBackend === targetBackend) {
    throw new Error(`A kernel bridge needs two different backends. Received: sourceBackend=targetBackend='${sourceBackend}'.`);
  }
  const existing = bridges.get(targetBackend);
  if (existing && existing.sourceBackend !== sourceBackend) {
    throw new Error(
      `Backend '${targetBackend}' already bridges kernels from '${existing.sourceBackend}'; ` +
        `remove that bridge before bridging from '${sourceBackend}'.`,
    );
  }
  const bridge: InstalledBridge = existing ?? { sourceBackend, kernels: new Set(), skipped: new Map() };
  bridges.set(targetBackend, bridge);

  const runner = createSourceRunner(sourceBackend, options.createSource);
  const exclude = options.exclude ?? {};
  for (const config of tf.getKernelsForBackend(sourceBackend)) {
    const { kernelName } = config;
    if (bridge.kernels.has(kernelName) || tf.getKernel(kernelName, targetBackend) !== undefined) continue;
    const excluded = exclude[kernelName];
    if (excluded !== undefined) {
      bridge.skipped.set(kernelName, excluded);
      continue;
    }
    if (config.setupFunc !== undefined) {
      bridge.skipped.set(kernelName, `the '${sourceBackend}' kernel needs per-backend setup`);
      continue;
    }
    tf.registerKernel({
      kernelName,
      backendName: targetBackend,
      kernelFunc: bridgedKernelFunc(kernelName, config.kernelFunc, runner),
    });
    bridge.kernels.add(kernelName);
  }
  return describeBridge(targetBackend, bridge);
}

/** The bridge installed on `targetBackend`, if any. */
export function getKernelBridge(targetBackend: string): KernelBridge | undefined {
  const bridge = bridges.get(targetBackend);
  return bridge && describeBridge(targetBackend, bridge);
}

/** Unregisters every bridged kernel from `targetBackend` (its own kernels are untouched). */
export function removeKernelBridge(targetBackend: string): void {
  const bridge = bridges.get(targetBackend);
  if (!bridge) return;
  for (const kernelName of bridge.kernels) tf.unregisterKernel(kernelName, targetBackend);
  bridges.delete(targetBackend);
}

/** Bridged calls per kernel name since the last `resetFallbackCounts()` (a copy). */
export function fallbackCounts(): Record<string, number> {
  return { ...counts };
}

export function resetFallbackCounts(): void {
  counts = {};
}

function describeBridge(targetBackend: string, bridge: InstalledBridge): KernelBridge {
  return {
    sourceBackend: bridge.sourceBackend,
    targetBackend,
    bridged: [...bridge.kernels].sort(),
    skipped: [...bridge.skipped].map(([kernelName, reason]) => ({ kernelName, reason })).sort((a, b) => a.kernelName.localeCompare(b.kernelName)),
  };
}

/** Holds the private source instance; replaces it if a kernel ever leaves data behind. */
interface SourceRunner {
  get(): tf.KernelBackend;
  /** Called after each bridged call with the instance's data count before it. */
  settle(dataIdsBefore: number): void;
}

function createSourceRunner(sourceBackend: string, createSource?: () => tf.KernelBackend): SourceRunner {
  const create =
    createSource ??
    (sourceBackend === 'cpu'
      ? createPrivateCpuBackend
      : () => {
          throw new Error(`installKernelBridge: pass createSource for source backend '${sourceBackend}'.`);
        });
  let instance: tf.KernelBackend | undefined;
  return {
    get() {
      instance ??= create();
      return instance;
    },
    settle(before) {
      // A source kernel that forgot an intermediate would grow the private instance
      // forever; start a fresh one instead (its data is only reachable from here).
      if (instance && instance.numDataIds() > before) {
        instance.dispose();
        instance = undefined;
      }
    },
  };
}

function createPrivateCpuBackend(): tf.KernelBackend {
  const backend = new tf.MathBackendCPU();
  // MathBackendCPU warns "looks like you are running TensorFlow.js in Node.js…" on its
  // first write; for a bridge inside another backend that advice is noise.
  (backend as unknown as { firstUse: boolean }).firstUse = false;
  return backend;
}

function bridgedKernelFunc(kernelName: string, sourceKernel: tf.KernelFunc, runner: SourceRunner): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const target = backend as tf.KernelBackend;
    const source = runner.get();
    const before = source.numDataIds();
    counts[kernelName] = (counts[kernelName] ?? 0) + 1;

    const written: tf.DataId[] = [];
    const copyIn = (info: tf.TensorInfo | null | undefined): tf.TensorInfo | undefined => {
      // Optional inputs (e.g. a fused bias) arrive as undefined/null.
      if (info == null) return undefined;
      const dataId = source.write(target.readSync(info.dataId), info.shape, info.dtype);
      written.push(dataId);
      return { dataId, shape: info.shape, dtype: info.dtype };
    };
    try {
      // Variadic kernels (Einsum, AddN, Concat, Pack) get their inputs as an array.
      const sourceInputs: KernelInputs = Array.isArray(inputs)
        ? ((inputs as Array<tf.TensorInfo | undefined>).map(copyIn) as unknown as KernelInputs)
        : Object.fromEntries(Object.entries(inputs).map(([name, info]) => [name, copyIn(info)]));
      const result = sourceKernel({ inputs: sourceInputs, backend: source, attrs });
      const outputs = Array.isArray(result) ? result : [result];
      const moved = outputs.map((out) => {
        const values = asDtypeArray(source.readSync(out.dataId), out.dtype);
        return { dataId: target.write(values, out.shape, out.dtype), shape: out.shape, dtype: out.dtype };
      });
      for (const out of outputs) source.disposeData(out.dataId);
      return Array.isArray(result) ? moved : moved[0];
    } finally {
      for (const dataId of written) source.disposeData(dataId);
      runner.settle(before);
    }
  };
}

/**
 * Backends that copy raw bytes (wasm's `write`) need the typed array that matches the
 * dtype; cpu kernels occasionally hand back another one (e.g. Float32Array for int32).
 */
function asDtypeArray(values: tf.BackendValues, dtype: tf.DataType): tf.BackendValues {
  const ctor =
    dtype === 'float32' ? Float32Array : dtype === 'int32' ? Int32Array : dtype === 'bool' ? Uint8Array : undefined;
  if (ctor === undefined || values instanceof ctor) return values;
  if (Array.isArray(values)) {
    throw new Error(`Kernel bridge: expected numeric values for dtype ${dtype}, received encoded strings.`);
  }
  return ctor.from(values as ArrayLike<number>);
}
