import type { ReplayGraph } from '@mimo/kernels';

/** A tensor in the native store: its handle, shape and ATen dtype ('int64' only for intermediates). */
export interface NativeTensor {
  id: number;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'int64' | 'float64' | 'other';
}

/** One result of a boxed ATen call: numbers and flags come boxed, as { scalar }. */
export type NativeValue = NativeTensor | NativeTensor[] | { scalar: number | boolean } | null | NativeValue[];

/** An argument of a boxed ATen call: a handle, a number, a flag, a string, null (None) or a list. */
export type NativeArg = number | boolean | string | null | undefined | readonly NativeArg[];

export interface TorchInfo {
  /** libtorch version, e.g. "1.13.0". */
  version: string;
  /** at::get_num_threads(). */
  threads: number;
  /** Where new tensors live, e.g. "cpu" or "cuda". */
  device: string;
  /** at::hasCUDA(). */
  cuda: boolean;
  /**
   * Whether libtorch has cuDNN: on cuda, LSTMs and reset-after GRUs with sigmoid gates, unmasked or masked by padding
   * at the end of their rows, then run on it (native/libtorch_rnn.h).
   */
  cudnn?: boolean;
  /** at::get_parallel_info(). */
  parallel: string;
  /** The BLAS the matrix products run on, e.g. "OpenBLAS 0.3.21 (OpenMP)" (native/blas.h); "not configured" before `configure`. */
  blas: string;
  /**
   * Whether float32 cpu products with a multiple of 16 columns run on Mimo's own AVX-512 kernels
   * (native/small_gemm.h: the same bits on any number of threads) rather than on the BLAS; absent from older builds.
   */
  ownProducts?: boolean;
  /** Whether native calls flush denormal floats to zero (native/flush_denormals.h; MIMO_FLUSH_DENORMALS); absent from older builds. */
  flushDenormals?: boolean;
  /** Whether calls are queued on a thread of their own (native/kernel_thread.h; MIMO_KERNEL_THREAD); absent from older builds. */
  kernelThread?: boolean;
  /** How replayed steps run (native/step_recording.h; MIMO_STEP_GRAPHS); absent from older builds. */
  stepGraphs?: StepGraphs;
  /** Whether this build captures a replayed step on a CUDA device as a CUDA graph (native/step_graph.h); absent from older builds. */
  cudaGraphs?: boolean;
}

/**
 * How replayed steps run: `auto` as a CUDA graph on a CUDA device where the build has them (each a call after
 * another otherwise); `off` never as a graph; `buffers` on any device through the inputs and results a graph keeps,
 * its instructions called (how machines without a GPU test that part).
 */
export type StepGraphs = 'auto' | 'off' | 'buffers';



/** How a process joins a c10d process group (native/distributed.h). */
export interface NativeRendezvous {
  store: 'tcp' | 'file';
  /** File store: the file every rank opens. */
  path?: string;
  /** TCP store: its host and port. */
  host?: string;
  port?: number;
  /** TCP store: this process serves it. */
  hostsStore?: boolean;
  /** Keys live under this prefix. */
  prefix?: string;
  /** Network interface of Gloo's transport (GLOO_SOCKET_IFNAME). */
  interface?: string;
  rank: number;
  worldSize: number;
  /** Rendezvous and every collective fail after this long. */
  timeoutMs: number;
}

/** The addon's exports (native/addon.cc, native/distributed_binding.cc). */
export interface TorchAddon {
  /** The index `call` takes for `aten::<name>.<overload>` (throws when there is no such operator). */
  operatorIndex(name: string, overload: string): number;
  /** Runs the operator at `index`; undefined or missing arguments take the schema default. */
  call(index: number, args: readonly NativeArg[]): NativeValue[];
  /**
   * Runs a whole-sequence recurrent op (native/recurrent.h): `lstm_forward`, `lstm_backward`, `gru_forward`,
   * `gru_backward`, `gru_reset_after_forward`, `gru_reset_after_backward`. `args` are handles (null when absent): x, mask, kernel, recurrentKernel, bias, h0, c0, then
   * the backward's extras. Results are null where a gradient has no input (no bias). `atenOps` runs each step
   * as ATen ops (Mimo's own cuda path) instead of the cpu's vectorised step loop or libtorch's at::lstm / at::gru;
   * `libtorchRnn` runs a sigmoid LSTM or reset-after GRU, unmasked or masked by padding at the end of its rows,
   * through libtorch's at::lstm / at::gru and autograd (native/libtorch_rnn.h), as cuda does.
   */
  recurrent(name: string, args: readonly (number | null)[], gateActivation: string, atenOps: boolean, libtorchRnn: boolean): Array<NativeTensor | null>;
  /**
   * One Adam step of every variable (@mimo/kernels' ADAM_UPDATE_KERNEL has the formula): `tensors` holds the handles
   * of each variable's w, g, m and v, then the int32 scalar iteration (the update's 1-based number) → handles of
   * each variable's new w, m and v. `atenOps` runs ATen ops (what every device but the cpu runs) instead of the
   * cpu's one vectorised pass. `inPlace`, the caller's word that no other tensor holds any w, m or v: on the cpu,
   * with every w, g, m and v float32 of one size and no step being recorded, w, m and v take the update and the
   * answer is [] — written in place, or given new memory where a view shares theirs (native/adam.h, addon.cc).
   */
  adamUpdate(tensors: readonly number[], beta1: number, beta2: number, epsilon: number, learningRate: number, atenOps: boolean, inPlace: boolean): NativeTensor[];
  /**
   * @mimo/kernels' head loss (native/head_loss.h): the mean over the batch of weight · loss, a scalar; `weights` null for
   * 1 each. `atenOps`: for checks, the ATen ops cuda runs instead of the cpu's one pass over the rows.
   */
  headLoss(loss: string, yTrue: number, yPred: number, weights: number | null, epsilon: number, atenOps: boolean): NativeTensor;
  /** The head loss's gradient for yPred, given the loss's gradient `dy` (a scalar). */
  headLossGrad(loss: string, yTrue: number, yPred: number, weights: number | null, dy: number, epsilon: number, atenOps: boolean): NativeTensor;
  /**
   * A dropout mask (@mimo/kernels' MimoDropoutMask) from the integer scalar `seed`: float32 `shape`, 1/(1−rate) or 0,
   * a hash of the seed and each element's index (native/dropout.h). `atenOps`: for checks, the ATen ops other devices
   * run instead of the cpu's loop (the same mask).
   */
  dropoutMask(seed: number, shape: readonly number[], rate: number, atenOps: boolean): NativeTensor;
  /** a·b + bias (null for none) for 2-D a and b, either possibly a transposed view (native/matmul.h). */
  linear(a: number, b: number, bias: number | null): NativeTensor;
  /** @mimo/kernels' Dense forward for a 2-D x in one call (native/dense.h): activation(x·kernel + bias), bias null for none. */
  dense(x: number, kernel: number, bias: number | null, activation: string): NativeTensor;
  /** The Dense backward for a 2-D x in one call: [dx, dKernel, dBias] (dx null unless `inputGradient`, dBias null unless `hasBias`). */
  denseGrad(x: number, kernel: number, y: number, dy: number, activation: string, hasBias: boolean, inputGradient: boolean): Array<NativeTensor | null>;
  /** tfjs's Step (x > 0 ? 1 : alpha, NaN staying NaN) of a float32 cpu tensor in one pass; null for any other tensor. */
  stepCpu(id: number, alpha: number): NativeTensor | null;
  fromArray(values: Float32Array | Int32Array | Uint8Array, shape: readonly number[], dtype: 'float32' | 'int32' | 'bool'): NativeTensor;
  /** Copies the values to the host into `out` (its length must be the element count), converting to its element type. */
  readInto(id: number, out: Float32Array | Int32Array | Uint8Array): void;
  /** Drops one handle or several; true when each was live. */
  free(ids: number | readonly number[]): boolean;
  /**
   * Live handles, their element bytes, the LSTM / GRU graphs kept for a backward pass (native/libtorch_rnn.h), and the
   * calls queued on the kernel thread so far (native/kernel_thread.h; absent from older builds).
   */
  stats(): { count: number; bytes: number; rnnGraphs: number; callsQueued?: number };
  configure(options: { threads?: number; device?: string; flushDenormals?: boolean; kernelThread?: boolean; stepGraphs?: StepGraphs }): TorchInfo;
  /** Whether this build has c10d's Gloo process group (absent from addons built before it). */
  distributedStatus?(): { available: boolean; reason?: string };
  /** Joins a Gloo process group; resolves to its id once every rank has connected. */
  joinGroup(rendezvous: NativeRendezvous): Promise<number>;
  /** Σ over ranks × scale of each float32 tensor, in flat buckets of at most bucketBytes, into new tensors. */
  allreduce(group: number, ids: readonly number[], scale: number, bucketBytes: number): Promise<NativeTensor[]>;
  /** Rank root's values of each float32 tensor, into new tensors. */
  broadcast(group: number, ids: readonly number[], root: number): Promise<NativeTensor[]>;
  /** Closes the group (once its last collective finishes); true when it was open. */
  leaveGroup(group: number): boolean;
  info(): TorchInfo;
  /** Whole-step replay (native/step_recording.h): from now on every tensor-making call is also written down. */
  recordBegin(): void;
  /** Ends the recording: its plan and the handles of the tensors the step read but did not make, in input order. */
  recordEnd(): { plan: number; externals: number[] };
  /** Drops the recording under way (its step threw). */
  recordAbandon(): void;
  /** Why two recordings would not replay alike (another call, argument or constant), or null. */
  planMismatch(a: number, b: number): string | null;
  /** Fixes the tensors a replay returns (handles at recording time); → the native calls a replay makes. */
  planFinish(plan: number, results: readonly number[]): number;
  /** Replays a plan on new inputs (handles, in `recordEnd`'s order); → new tensors for `planFinish`'s results. */
  planReplay(plan: number, inputs: readonly number[]): NativeTensor[];
  /** Drops a plan; true when it existed. */
  planDrop(plan: number): boolean;
  /** How a plan's replays run, undefined for a plan that is gone (absent from addons built before CUDA graphs). */
  planGraph?(plan: number): ReplayGraph | undefined;
}
