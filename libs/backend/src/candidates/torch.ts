import * as tf from '@tensorflow/tfjs';
import { installKernelBridge } from '../kernel-bridge';
import { loadPackage } from '../optional-package';
import { BackendCandidate, BackendProbe, MimoDevice } from './backend-candidate';

const TORCH_PACKAGE = '@mimo/backend-torch';
const TORCH_BACKEND = 'torch';

type TorchModule = typeof import('@mimo/backend-torch');

/** Kernels a torch bridge must not fill: the torch backend stores no complex64 tensors. */
const TORCH_UNBRIDGEABLE_KERNELS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(['Complex', 'ComplexAbs', 'Real', 'Imag', 'FFT', 'IFFT'].map((name) => [name, 'torch stores no complex64 tensors'])),
);

/** Loads @mimo/backend-torch (which registers 'torch' when its addon loads) and reads its status. */
function torchStatus(): { ok: true; status: ReturnType<TorchModule['registerTorchBackend']> } | { ok: false; error: string } {
  const loaded = loadPackage<TorchModule>(TORCH_PACKAGE);
  return loaded.ok ? { ok: true, status: loaded.module.registerTorchBackend() } : { ok: false, error: loaded.error };
}

/**
 * libtorch's ATen kernels through the @mimo/backend-torch addon (built by `npm run
 * build:torch` when libtorch is installed); kernels it lacks run on a private cpu backend
 * through the kernel bridge. MIMO_DEVICE picks cpu or cuda, MIMO_THREADS the threads.
 */
export const torchCandidate: BackendCandidate<'torch'> = {
  name: 'torch',
  package: TORCH_PACKAGE,
  tfjsBackend: TORCH_BACKEND,
  installHint: 'Install libtorch (`apt-get install libtorch-dev`, or set LIBTORCH to a libtorch folder) and run `npx mimo-build-torch` (it rebuilds the addon of @mimo/backend-torch).',

  async probe(): Promise<BackendProbe<'torch'>> {
    const base = { name: 'torch' as const, package: TORCH_PACKAGE };
    const loaded = torchStatus();
    if (!loaded.ok) return { ...base, installed: false, usable: false, reason: `${TORCH_PACKAGE} failed to load: ${loaded.error}` };
    const { status } = loaded;
    if (!status.available) return { ...base, installed: false, usable: false, reason: status.reason };
    const where = status.libtorch === undefined ? '' : ` from ${status.libtorch.source} (${status.libtorch.libDir})`;
    return {
      ...base,
      installed: true,
      usable: true,
      version: status.info.version,
      reason: `libtorch ${status.info.version}${where}, device ${status.info.device}, ${status.info.threads} threads, BLAS ${status.info.blas}`,
    };
  },

  async activate() {
    const loaded = torchStatus();
    if (!loaded.ok) throw new Error(`${TORCH_PACKAGE} failed to load: ${loaded.error}`);
    if (!loaded.status.available) throw new Error(loaded.status.reason);
    const { info, libtorch, kernels } = loaded.status;
    const bridge = installKernelBridge({ sourceBackend: 'cpu', targetBackend: TORCH_BACKEND, exclude: TORCH_UNBRIDGEABLE_KERNELS });
    const ok = await tf.setBackend(TORCH_BACKEND);
    if (!ok) throw new Error(`tf.setBackend('${TORCH_BACKEND}') failed`);
    const device: MimoDevice = info.device.startsWith('cuda') ? 'cuda' : 'cpu';
    return {
      device,
      threads: info.threads,
      detail:
        `libtorch ${info.version}${libtorch === undefined ? '' : ` (${libtorch.libDir})`}, device ${info.device}, ` +
        `${info.threads} thread${info.threads === 1 ? '' : 's'}, BLAS ${info.blas}${productsNote(info)}${denormalsNote(info)}${kernelThreadNote(info)}${stepGraphsNote(info)}, ${kernels.length} native kernels, ${bridge.bridged.length} bridged from cpu`,
    };
  },
};

/** Whether denormal floats are flushed, where the build says (older addons do not). */
function denormalsNote(info: { flushDenormals?: boolean }): string {
  if (info.flushDenormals === undefined) return '';
  return info.flushDenormals ? ', denormals flushed to zero' : ', denormals kept';
}

/** Whether native calls are queued on a kernel thread, where the build says (older addons do not). */
function kernelThreadNote(info: { kernelThread?: boolean }): string {
  return info.kernelThread === true ? ', kernels queued on a thread of their own' : '';
}

/** How replayed steps run where that is not call by call on the cpu (older addons say nothing). */
function stepGraphsNote(info: { device: string; stepGraphs?: string; cudaGraphs?: boolean }): string {
  if (info.stepGraphs === 'buffers') return ', replayed steps through graph buffers (MIMO_STEP_GRAPHS=buffers)';
  if (!info.device.startsWith('cuda') || info.stepGraphs === undefined) return '';
  if (info.stepGraphs === 'off') return ', replayed steps call by call (MIMO_STEP_GRAPHS=off)';
  return info.cudaGraphs ? ', replayed steps as CUDA graphs' : ', replayed steps call by call (this build has no CUDA graphs)';
}

/**
 * Which code runs a cpu build's float products: they set a bench's figures on an AVX2-only machine; on cuda, whether
 * LSTMs run on cuDNN (older addons say nothing).
 */
function productsNote(info: { device: string; ownProducts?: boolean; cudnn?: boolean }): string {
  if (info.device.startsWith('cuda') && info.cudnn !== undefined) return info.cudnn ? ', sigmoid LSTMs without a mask on cuDNN' : ', no cuDNN';
  if (info.device !== 'cpu' || info.ownProducts === undefined) return '';
  return info.ownProducts ? ", float products on Mimo's AVX-512 kernels" : ', float products on the BLAS (no AVX-512)';
}
