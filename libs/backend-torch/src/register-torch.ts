import * as tf from '@tensorflow/tfjs';
import * as os from 'os';
import { RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';
import { TORCH_BACKEND, TORCH_KERNELS } from './kernels';
import { LibtorchBuildInfo, loadTorchAddon } from './native/load-addon';
import { StepGraphs, TorchInfo } from './native/torch-addon';
import { TorchBackend } from './torch-backend';

/** Whether the torch backend is registered with tf, and if not, why. */
export type TorchStatus =
  | { available: true; info: TorchInfo; libtorch?: LibtorchBuildInfo; kernels: string[] }
  | { available: false; reason: string };

let status: TorchStatus | undefined;

/**
 * Loads the addon, applies MIMO_THREADS (default: every core), MIMO_DEVICE (default
 * cpu; cuda only when libtorch sees a CUDA device), MIMO_FLUSH_DENORMALS (default 1), MIMO_KERNEL_THREAD (default 1
 * on 2 threads or more) and MIMO_STEP_GRAPHS (default auto), and registers the 'torch' backend
 * and its kernels with tf. Priority 0, so it never becomes tf's default by itself: the
 * resolver in @mimo/backend selects it. Idempotent; never throws.
 */
export function registerTorchBackend(): TorchStatus {
  status ??= register();
  return status;
}

function register(): TorchStatus {
  const loaded = loadTorchAddon();
  if (!loaded.ok) return { available: false, reason: loaded.reason };
  let info: TorchInfo;
  try {
    const threads = requestedThreads();
    info = loaded.addon.configure({ threads, device: requestedDevice(), flushDenormals: requestedDenormalFlush(), kernelThread: requestedKernelThread(threads), stepGraphs: requestedStepGraphs() });
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (tf.findBackendFactory(TORCH_BACKEND) == null) tf.registerBackend(TORCH_BACKEND, () => new TorchBackend(loaded.addon), 0);
  // An addon built before the recurrent ops lacks them: its LSTM / GRU layers then run the stock tfjs loop.
  const recurrent = new Set<string>(Object.values(RECURRENT_SEQUENCE_KERNELS).flatMap((k) => Object.values(k)));
  const kernels = TORCH_KERNELS.filter((k) => typeof loaded.addon.recurrent === 'function' || !recurrent.has(k.kernelName));
  for (const config of kernels) {
    if (tf.getKernel(config.kernelName, TORCH_BACKEND) === undefined) tf.registerKernel(config);
  }
  return { available: true, info, libtorch: loaded.libtorch, kernels: kernels.map((k) => k.kernelName).sort() };
}

/** MIMO_THREADS as a thread count: every core when unset or empty; anything but a positive integer throws. */
export function requestedThreads(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MIMO_THREADS?.trim();
  const cores = os.availableParallelism();
  if (raw === undefined || raw === '') return cores;
  const threads = Number(raw);
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`MIMO_THREADS must be a positive integer. Received: ${raw}`);
  return threads;
}

/**
 * MIMO_FLUSH_DENORMALS: 1 (the default) flushes denormal floats to zero in native calls, as TensorFlow's kernels
 * do (on Intel cores each one costs a microcode assist: native/flush_denormals.h); 0 keeps ATen's IEEE results.
 */
export function requestedDenormalFlush(env: NodeJS.ProcessEnv = process.env): boolean {
  return zeroOrOne(env, 'MIMO_FLUSH_DENORMALS') ?? true;
}

/**
 * MIMO_KERNEL_THREAD: 1 queues native calls on a thread of their own, so that tfjs's JavaScript runs beside the
 * kernels (native/kernel_thread.h); 0 runs each call on the JavaScript thread. Default: 1 on the cpu with 2 threads
 * or more (one core then runs JavaScript, another the queued kernels), 0 on 1 thread.
 */
export function requestedKernelThread(threads: number, env: NodeJS.ProcessEnv = process.env): boolean {
  return zeroOrOne(env, 'MIMO_KERNEL_THREAD') ?? threads >= 2;
}

/**
 * MIMO_STEP_GRAPHS: how replayed steps run (`replayable`, the Trainer). `auto` (the default) captures each on a CUDA
 * device as one CUDA graph where the addon was built with them; `off` replays them call by call; `buffers` runs the
 * graph's input and result buffers on any device, calling the kernels (a check without a GPU).
 */
export function requestedStepGraphs(env: NodeJS.ProcessEnv = process.env): StepGraphs {
  const raw = env.MIMO_STEP_GRAPHS?.trim().toLowerCase();
  if (raw === undefined || raw === '') return 'auto';
  if (raw === 'auto' || raw === 'off' || raw === 'buffers') return raw;
  throw new Error(`MIMO_STEP_GRAPHS must be auto, off or buffers. Received: ${raw}`);
}

/**
 * Changes how replayed steps run from now on (MIMO_STEP_GRAPHS sets it when the backend registers); a plan already
 * replaying as a CUDA graph or through its buffers goes on so unless `off`. Throws when the addon is not loaded.
 */
export function setStepGraphs(mode: StepGraphs): void {
  const loaded = loadTorchAddon();
  if (!loaded.ok) throw new Error(`the torch backend is not available: ${loaded.reason}`);
  loaded.addon.configure({ stepGraphs: mode });
}

/** An environment variable that is 0 or 1, undefined when unset or empty; anything else throws. */
function zeroOrOne(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (raw === '0' || raw === '1') return raw === '1';
  throw new Error(`${name} must be 0 or 1. Received: ${raw}`);
}

function requestedDevice(): string {
  const raw = process.env.MIMO_DEVICE?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === 'cpu') return 'cpu';
  if (raw === 'gpu') return 'cuda';
  if (/^cuda(:\d+)?$/.test(raw)) return raw;
  throw new Error(`MIMO_DEVICE must be cpu or cuda[:N]. Received: ${raw}`);
}
