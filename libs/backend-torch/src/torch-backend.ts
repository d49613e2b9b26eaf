import * as tf from '@tensorflow/tfjs';
import type { RecurrentAttrs, ReplayGraph, StepRecorder, StepRecording } from '@mimo/kernels';
import { NativeArg, NativeTensor, NativeValue, TorchAddon, TorchInfo } from './native/torch-addon';

/** What the backend keeps per tfjs dataId: a native handle, or (string tensors only) the JS values. */
interface TorchData {
  id?: number;
  /** Element count and dtype, to allocate the array `readSync` fills. */
  size: number;
  dtype: tf.DataType;
  strings?: tf.BackendValues;
  refCount: number;
  /** Native tensors kept with this one until it is freed, by key (see `attach`). */
  attached?: Map<string, number>;
}

/** What the kernel now running created: freed when it returns, unless returned or attached to an output. */
interface KernelScope {
  created: NativeTensor[];
  attachments: Array<{ owner: NativeTensor; key: string; tensor: NativeTensor }>;
}

/** What the backend notes while a step records (see `beginRecording`). */
interface StepRecordingNotes {
  /** The data each native handle a kernel read belongs to. */
  inputs: Map<number, tf.DataId>;
  /** Data made while recording. */
  made: tf.DataId[];
}

/** tfjs's numeric dtypes → ATen ScalarType codes. */
export const SCALAR_TYPE = { float32: 6, int32: 3, bool: 11, int64: 4, float64: 7 } as const;

/** An argument of `op`: tfjs tensors and native tensors are passed by handle. */
export type OpArg = tf.TensorInfo | NativeTensor | NativeArg | readonly OpArg[];

/**
 * TensorFlow.js backend whose tensors live in libtorch as at::Tensor. A dataId maps to a
 * native handle; reading copies out, disposing frees. Kernels (kernels/*.ts) call ATen
 * operators by name through `op`; intermediates they create are freed when the kernel returns. It records and
 * replays whole steps (`StepRecorder`, for `replayable` in @mimo/kernels) through the addon's plans.
 */
export class TorchBackend extends tf.KernelBackend implements StepRecorder {
  private readonly data: tf.DataStorage<TorchData>;
  /** The kernel now running's native tensors. */
  private scope: KernelScope | undefined;
  /** Operator indices of the addon, by ATen name then overload (resolved on first use). */
  private readonly operators = new Map<string, Map<string, number>>();
  /** Set while a step records. */
  private recording: StepRecordingNotes | undefined;

  constructor(readonly addon: TorchAddon) {
    super();
    this.data = new tf.DataStorage(this, tf.engine());
  }

  info(): TorchInfo {
    return this.addon.info();
  }

  // ---- storage -------------------------------------------------------------------------

  override write(values: tf.BackendValues, shape: number[], dtype: tf.DataType): tf.DataId {
    const dataId = {};
    this.data.set(dataId, this.store(values, shape, dtype));
    this.recording?.made.push(dataId);
    return dataId;
  }

  override move(dataId: tf.DataId, values: tf.BackendValues, shape: number[], dtype: tf.DataType, refCount: number): void {
    this.data.set(dataId, { ...this.store(values, shape, dtype), refCount });
  }

  override readSync(dataId: tf.DataId): tf.BackendValues {
    const entry = this.data.get(dataId);
    if (entry.strings !== undefined) return entry.strings;
    const out = entry.dtype === 'int32' ? new Int32Array(entry.size) : entry.dtype === 'bool' ? new Uint8Array(entry.size) : new Float32Array(entry.size);
    this.addon.readInto(entry.id as number, out);
    return out;
  }

  override read(dataId: tf.DataId): Promise<tf.BackendValues> {
    return Promise.resolve(this.readSync(dataId));
  }

  override disposeData(dataId: tf.DataId, force = false): boolean {
    if (!this.data.has(dataId)) return true;
    const entry = this.data.get(dataId);
    entry.refCount--;
    if (!force && entry.refCount > 0) return false;
    if (entry.id !== undefined) this.addon.free(entry.id);
    if (entry.attached !== undefined) this.addon.free([...entry.attached.values()]);
    this.data.delete(dataId);
    return true;
  }

  override refCount(dataId: tf.DataId): number {
    return this.data.has(dataId) ? this.data.get(dataId).refCount : 0;
  }

  override incRef(dataId: tf.DataId): void {
    this.data.get(dataId).refCount++;
  }

  override numDataIds(): number {
    return this.data.numDataIds();
  }

  /** `unreliable: false`, plus the native store's tensor count and bytes. */
  override memory(): { unreliable: boolean; numBytesInTorch: number; numTorchTensors: number; numRnnGraphs: number } {
    const stats = this.addon.stats();
    return { unreliable: false, numBytesInTorch: stats.bytes, numTorchTensors: stats.count, numRnnGraphs: stats.rnnGraphs };
  }

  override timerAvailable(): boolean {
    return true;
  }

  override async time(f: () => void): Promise<tf.BackendTimingInfo> {
    const start = performance.now();
    f();
    return { kernelMs: performance.now() - start };
  }

  override floatPrecision(): 32 {
    return 32;
  }

  override dispose(): void {
    // Native tensors of disposed tfjs tensors are already freed; the rest go with the process.
  }

  /** A tfjs dataId for a native tensor, cast to a tfjs dtype when it is not one. */
  makeTensorInfo(tensor: NativeTensor, dtype?: tf.DataType): tf.TensorInfo {
    const want = dtype ?? tfjsDtype(tensor.dtype);
    const stored = tensor.dtype === want ? tensor : this.cast(tensor, want);
    const dataId = {};
    this.data.set(dataId, { id: stored.id, refCount: 1, size: sizeOf(stored.shape), dtype: want });
    this.recording?.made.push(dataId);
    return { dataId, shape: stored.shape, dtype: want };
  }

  // ---- whole-step replay (StepRecorder) --------------------------------------------------

  beginRecording(): void {
    this.addon.recordBegin();
    this.recording = { inputs: new Map(), made: [] };
  }

  endRecording(failed = false): StepRecording | undefined {
    const notes = this.recording;
    this.recording = undefined;
    if (failed || notes === undefined) {
      this.addon.recordAbandon();
      return undefined;
    }
    const { plan, externals } = this.addon.recordEnd();
    return { plan, inputs: externals.map((handle) => notes.inputs.get(handle)), kept: notes.made.filter((dataId) => this.data.has(dataId)) };
  }

  planMismatch(a: number, b: number): string | null {
    return this.addon.planMismatch(a, b);
  }

  finishPlan(plan: number, results: readonly tf.DataId[]): number {
    return this.addon.planFinish(plan, results.map((dataId) => this.handleOf(dataId)));
  }

  replayPlan(plan: number, inputs: readonly tf.DataId[]): tf.TensorInfo[] {
    return this.addon.planReplay(plan, inputs.map((dataId) => this.handleOf(dataId))).map((tensor) => this.makeTensorInfo(tensor));
  }

  dropPlan(plan: number): void {
    this.addon.planDrop(plan);
  }

  planGraph(plan: number): ReplayGraph | undefined {
    return this.addon.planGraph?.(plan);
  }

  holds(dataId: tf.DataId): boolean {
    return this.data.has(dataId);
  }

  adoptData(target: tf.DataId, source: tf.TensorInfo): void {
    const entry = this.data.get(target);
    const adopted = this.data.get(source.dataId);
    if (entry.id !== undefined) this.addon.free(entry.id);
    if (entry.attached !== undefined) this.addon.free([...entry.attached.values()]);
    entry.attached = undefined;
    entry.id = adopted.id;
    this.data.delete(source.dataId);
  }

  /** The native handle of an optional input, null when it is absent. */
  private optionalHandle(info: tf.TensorInfo | undefined): number | null {
    return info === undefined ? null : this.handle(info);
  }

  private handleOf(dataId: tf.DataId): number {
    const id = this.data.get(dataId).id;
    if (id === undefined) throw new Error('torch backend: a step reads a tensor with no native values (a string tensor)');
    return id;
  }

  // ---- kernel helpers ------------------------------------------------------------------

  /** The native handle of a tfjs tensor. */
  handle(info: tf.TensorInfo): number {
    const id = this.data.get(info.dataId).id;
    if (id === undefined) throw new Error(`torch backend: no native tensor for dtype ${info.dtype}`);
    this.recording?.inputs.set(id, info.dataId);
    return id;
  }

  /** Runs `aten::<name>.<overload>` and returns its first result as a native tensor. */
  op(name: string, overload: string, ...args: OpArg[]): NativeTensor {
    return this.ops(name, overload, ...args)[0] as NativeTensor;
  }

  /** Runs `aten::<name>.<overload>` and returns every result (tuples and lists as arrays). */
  ops(name: string, overload: string, ...args: OpArg[]): NativeValue[] {
    return this.track(this.addon.call(this.operatorIndex(name, overload), args.map((arg) => this.toNative(arg))));
  }

  private operatorIndex(name: string, overload: string): number {
    let overloads = this.operators.get(name);
    if (overloads === undefined) this.operators.set(name, (overloads = new Map()));
    let index = overloads.get(overload);
    if (index === undefined) overloads.set(overload, (index = this.addon.operatorIndex(`aten::${name}`, overload)));
    return index;
  }

  /** Runs a whole-sequence recurrent op of the addon (see `TorchAddon.recurrent`); absent inputs are null. */
  recurrent(name: string, args: ReadonlyArray<tf.TensorInfo | NativeTensor | null>, gateActivation: string, paths: Pick<RecurrentAttrs, 'atenOps' | 'libtorchRnn'> = {}): Array<NativeTensor | null> {
    const handles = args.map((arg) => (arg === null ? null : (this.toNative(arg) as number)));
    return this.track(this.addon.recurrent(name, handles, gateActivation, paths.atenOps === true, paths.libtorchRnn === true));
  }

  /**
   * One Adam step of every variable in one native call: w, g, m, v of each, then the iteration (see
   * `TorchAddon.adamUpdate`). In place (→ []: w, m and v take the update) where the addon can (it keeps recorded
   * steps out of place) and no other tfjs tensor shares any w, m or v's data.
   */
  adamUpdate(tensors: readonly tf.TensorInfo[], beta1: number, beta2: number, epsilon: number, learningRate: number, atenOps = false): NativeTensor[] {
    const written = tensors.filter((_, i) => i % 4 !== 1 && i < tensors.length - 1);
    // Each w, m, v once (a variable listed twice gets two updates from its old value out of place, not one on another).
    const distinct = new Set(written.map((t) => t.dataId)).size === written.length;
    const inPlace = distinct && written.every((t) => this.data.get(t.dataId)?.refCount === 1);
    return this.track(this.addon.adamUpdate(tensors.map((t) => this.handle(t)), beta1, beta2, epsilon, learningRate, atenOps, inPlace));
  }

  /** A head's loss in one native call (see `TorchAddon.headLoss`). */
  headLoss(loss: string, yTrue: tf.TensorInfo, yPred: tf.TensorInfo, weights: tf.TensorInfo | undefined, epsilon: number, atenOps = false): NativeTensor {
    return this.track([this.addon.headLoss(loss, this.handle(yTrue), this.handle(yPred), this.optionalHandle(weights), epsilon, atenOps)])[0];
  }

  /** A head loss's gradient for yPred in one native call (see `TorchAddon.headLossGrad`). */
  headLossGrad(loss: string, yTrue: tf.TensorInfo, yPred: tf.TensorInfo, weights: tf.TensorInfo | undefined, dy: tf.TensorInfo, epsilon: number, atenOps = false): NativeTensor {
    return this.track([this.addon.headLossGrad(loss, this.handle(yTrue), this.handle(yPred), this.optionalHandle(weights), this.handle(dy), epsilon, atenOps)])[0];
  }

  /** A dropout mask from an int32 scalar seed (see `TorchAddon.dropoutMask`). */
  dropoutMask(seed: tf.TensorInfo, shape: number[], rate: number, atenOps = false): NativeTensor {
    return this.track([this.addon.dropoutMask(this.handle(seed), shape, rate, atenOps)])[0];
  }

  /** a·b + bias for 2-D a and b (either may be a transposed view): AVX-512 registers for float32 on the cpu where it can (see `TorchAddon.linear`). */
  linear(a: tf.TensorInfo | NativeTensor, b: tf.TensorInfo | NativeTensor, bias?: tf.TensorInfo | NativeTensor): NativeTensor {
    return this.track([this.addon.linear(this.toNative(a) as number, this.toNative(b) as number, bias === undefined ? null : (this.toNative(bias) as number))])[0];
  }

  /** A Dense layer's forward on a 2-D x in one native call (see `TorchAddon.dense`). */
  dense(x: tf.TensorInfo | NativeTensor, kernel: tf.TensorInfo, bias: tf.TensorInfo | undefined, activation: string): NativeTensor {
    return this.track([this.addon.dense(this.toNative(x) as number, this.handle(kernel), this.optionalHandle(bias), activation)])[0];
  }

  /** A Dense layer's backward on a 2-D x in one native call: [dx | null, dKernel, dBias | null] (see `TorchAddon.denseGrad`). */
  denseGrad(
    x: tf.TensorInfo | NativeTensor,
    kernel: tf.TensorInfo,
    y: tf.TensorInfo | NativeTensor,
    dy: tf.TensorInfo | NativeTensor,
    activation: string,
    hasBias: boolean,
    inputGradient: boolean,
  ): Array<NativeTensor | null> {
    const [xId, yId, dyId] = [x, y, dy].map((t) => this.toNative(t) as number);
    return this.track(this.addon.denseGrad(xId, this.handle(kernel), yId, dyId, activation, hasBias, inputGradient));
  }

  /** tfjs's Step of a float32 cpu tensor in one native pass; null for any other (see `TorchAddon.stepCpu`). */
  stepCpu(x: tf.TensorInfo, alpha: number): NativeTensor | null {
    return this.track([this.addon.stepCpu(this.handle(x), alpha)])[0];
  }

  cast(tensor: NativeTensor | tf.TensorInfo, dtype: tf.DataType | 'int64' | 'float64'): NativeTensor {
    const code = SCALAR_TYPE[dtype as keyof typeof SCALAR_TYPE];
    if (code === undefined) throw new Error(`torch backend: cannot cast to ${dtype}`);
    return this.op('to', 'dtype', tensor, code);
  }

  /**
   * Keeps `tensor` with `owner`, an output the running kernel returns, until that output's data is freed, for a
   * later kernel to find with `attached` (e.g. max pool's argmax for its gradient). Dropped when `owner` is not
   * returned as it is.
   */
  attach(owner: NativeTensor, key: string, tensor: NativeTensor): void {
    // Only the kernel's own intermediates: anything else belongs to another tensor, which would free it too.
    if (this.scope === undefined || !this.scope.created.includes(tensor)) throw new Error('torch backend: attach takes a tensor the running kernel created');
    this.scope.attachments.push({ owner, key, tensor });
  }

  /** The native handle attached to `info`'s data under `key`, if any. */
  attached(info: tf.TensorInfo, key: string): number | undefined {
    return this.data.get(info.dataId)?.attached?.get(key);
  }

  /**
   * Runs one kernel body: every native tensor it creates is freed afterwards except the
   * ones it returns, which become tfjs tensors, and the ones attached to those.
   */
  execute(body: () => NativeTensor | NativeTensor[], dtypes?: tf.DataType | tf.DataType[]): tf.TensorInfo | tf.TensorInfo[] {
    const outer = this.scope;
    const scope: KernelScope = { created: [], attachments: [] };
    this.scope = scope;
    try {
      const result = body();
      const outputs = Array.isArray(result) ? result : [result];
      if (scope.attachments.some(({ tensor }) => outputs.some((output) => output.id === tensor.id))) throw new Error('torch backend: a kernel attached a tensor it also returns');
      const infos = outputs.map((tensor, i) => this.makeTensorInfo(tensor, Array.isArray(dtypes) ? dtypes[i] : dtypes));
      // Most kernels make one tensor and return it as it is: nothing to free (the common case, kept cheap).
      const single = scope.created.length === 1 && scope.attachments.length === 0 && infos.length === 1 && this.data.get(infos[0].dataId).id === scope.created[0].id;
      if (!single) this.freeIntermediates(scope, infos);
      return Array.isArray(result) ? infos : infos[0];
    } catch (error) {
      this.addon.free(scope.created.map((tensor) => tensor.id));
      throw error;
    } finally {
      this.scope = outer;
    }
  }

  /** Frees the native tensors a kernel made that neither its outputs nor their attachments keep. */
  private freeIntermediates(scope: KernelScope, infos: tf.TensorInfo[]): void {
    const kept = new Set([...infos.map((info) => this.data.get(info.dataId).id), ...this.keepAttachments(scope.attachments, infos)]);
    const dropped = scope.created.filter((tensor) => !kept.has(tensor.id)).map((tensor) => tensor.id);
    if (dropped.length > 0) this.addon.free(dropped);
  }

  /** Stores each attachment with its owner's data (a key's earlier tensor freed); the handles kept that way. */
  private keepAttachments(attachments: KernelScope['attachments'], infos: tf.TensorInfo[]): number[] {
    const entries = infos.map((info) => this.data.get(info.dataId));
    const kept: number[] = [];
    for (const { owner, key, tensor } of attachments) {
      const entry = entries.find((candidate) => candidate.id === owner.id);
      if (entry === undefined) continue; // not returned as it is (e.g. cast): the attachment goes with the scope
      entry.attached ??= new Map();
      const replaced = entry.attached.get(key);
      if (replaced !== undefined) this.addon.free(replaced);
      entry.attached.set(key, tensor.id);
      kept.push(tensor.id);
    }
    return kept;
  }

  /** Adds the native tensors among `results` (nested, nulls skipped) to the running kernel's, for `execute` to free; returns `results`. */
  private track<T extends NativeValue[]>(results: T): T {
    if (this.scope) collectTensors(results, this.scope.created);
    return results;
  }

  private toNative(arg: OpArg): NativeArg {
    if (Array.isArray(arg)) return arg.map((item: OpArg) => this.toNative(item));
    if (arg !== null && typeof arg === 'object') {
      if ('dataId' in arg) return this.handle(arg as tf.TensorInfo);
      if ('id' in arg) return (arg as NativeTensor).id;
    }
    return arg as NativeArg;
  }

  private store(values: tf.BackendValues, shape: number[], dtype: tf.DataType): TorchData {
    const size = sizeOf(shape);
    if (dtype === 'string') return { strings: values, refCount: 1, size, dtype };
    if (dtype === 'complex64') throw new Error('torch backend: complex64 tensors are not supported');
    const tensor = this.addon.fromArray(asTypedArray(values, dtype, size), shape, dtype);
    return { id: tensor.id, refCount: 1, size, dtype };
  }
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function tfjsDtype(dtype: NativeTensor['dtype']): tf.DataType {
  if (dtype === 'float32' || dtype === 'int32' || dtype === 'bool') return dtype;
  return dtype === 'int64' ? 'int32' : 'float32';
}

function collectTensors(values: NativeValue[], into: NativeTensor[]): void {
  for (const value of values) {
    if (Array.isArray(value)) collectTensors(value, into);
    else if (value !== null && 'id' in value) into.push(value);
  }
}

/** The typed array tfjs uses for a dtype; `values` may be absent (an uninitialised tensor). */
function asTypedArray(values: tf.BackendValues | null, dtype: 'float32' | 'int32' | 'bool', size: number): Float32Array | Int32Array | Uint8Array {
  const ctor = dtype === 'float32' ? Float32Array : dtype === 'int32' ? Int32Array : Uint8Array;
  if (values == null) return new ctor(size);
  if (values instanceof ctor) return values;
  return ctor.from(values as ArrayLike<number>);
}
