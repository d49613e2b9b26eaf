import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'fs';
import { join } from 'path';
import { installKernelBridge, WASM_UNBRIDGEABLE_KERNELS } from '../kernel-bridge';
import { inspectPackage, loadPackage, LoadResult, packageLabel } from '../optional-package';
import { BackendCandidate, BackendProbe } from './backend-candidate';

const WASM_PACKAGE = '@tensorflow/tfjs-backend-wasm';
const WASM_BACKEND = 'wasm';

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');

let wasmModule: WasmModule | undefined;

/**
 * Loads tfjs-backend-wasm once. Loading it registers 'wasm' with priority 2, above
 * 'cpu', which would make every later `tf` call in the process that did not await
 * `tf.setBackend` fail with "backend 'wasm' has not yet been initialized". When this
 * load is the one that registered it, re-register it below 'cpu' so that merely
 * probing never changes tf's default; `initBackend` selects wasm explicitly.
 */
export function loadWasmPackage(): LoadResult<WasmModule> {
  if (wasmModule) return { ok: true, module: wasmModule };
  const registeredBefore = tf.findBackendFactory(WASM_BACKEND) != null;
  const loaded = loadPackage<WasmModule>(WASM_PACKAGE);
  if (!loaded.ok) return loaded;
  const factory = tf.findBackendFactory(WASM_BACKEND);
  if (!registeredBefore && factory != null) {
    tf.removeBackend(WASM_BACKEND);
    tf.registerBackend(WASM_BACKEND, factory, 0);
  }
  wasmModule = loaded.module;
  return loaded;
}

/**
 * WebAssembly kernels (XNNPACK) from `@tensorflow/tfjs-backend-wasm`; kernels it lacks
 * (Conv2DBackpropFilter, UnsortedSegmentSum, …) run on a private cpu backend through
 * the kernel bridge, so every model that trains on cpu trains here.
 */
export const wasmCandidate: BackendCandidate<'wasm'> = {
  name: 'wasm',
  package: WASM_PACKAGE,
  tfjsBackend: WASM_BACKEND,
  installHint: `Install it with \`npm install ${WASM_PACKAGE}@${tf.version.tfjs}\` (a regular dependency of Mimo).`,

  async probe(): Promise<BackendProbe<'wasm'>> {
    const info = inspectPackage(WASM_PACKAGE);
    const base = { name: 'wasm' as const, package: WASM_PACKAGE, installed: info.installed, version: info.version };
    if (!info.installed) return { ...base, usable: false, reason: `${WASM_PACKAGE} not installed` };
    if (info.version !== undefined && info.version !== tf.version.tfjs) {
      return {
        ...base,
        usable: false,
        reason: `${WASM_PACKAGE} ${info.version} does not match @tensorflow/tfjs ${tf.version.tfjs}`,
      };
    }
    if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'object') {
      return { ...base, usable: false, reason: 'this JavaScript runtime has no WebAssembly' };
    }
    if (info.dir !== undefined && !existsSync(join(info.dir, 'dist', 'tfjs-backend-wasm.wasm'))) {
      return { ...base, usable: false, reason: `${WASM_PACKAGE} is missing dist/tfjs-backend-wasm.wasm` };
    }
    const loaded = loadWasmPackage();
    if (!loaded.ok) return { ...base, usable: false, reason: `${WASM_PACKAGE} failed to load: ${loaded.error}` };
    return { ...base, usable: true, reason: `${packageLabel(WASM_PACKAGE, info.version)} loaded` };
  },

  async activate() {
    const loaded = loadWasmPackage();
    if (!loaded.ok) throw new Error(`${WASM_PACKAGE} failed to load: ${loaded.error}`);
    const bridge = installKernelBridge({ sourceBackend: 'cpu', targetBackend: WASM_BACKEND, exclude: WASM_UNBRIDGEABLE_KERNELS });
    const ok = await tf.setBackend(WASM_BACKEND);
    if (!ok) throw new Error(`tf.setBackend('${WASM_BACKEND}') failed to initialise WebAssembly`);
    const threads = loaded.module.getThreadsCount();
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    const version = inspectPackage(WASM_PACKAGE).version;
    return {
      device: 'cpu',
      threads,
      detail:
        `${packageLabel(WASM_PACKAGE, version)}, ${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}, ` +
        `${bridge.bridged.length} kernels bridged from cpu`,
    };
  },
};
