import * as tf from '@tensorflow/tfjs';

/** A finished recording: the backend's plan, and the data of the tensors the step read but did not make, in input order. */
export interface StepRecording {
  plan: number;
  /** undefined where the backend cannot tell whose a tensor it read was (the step cannot replay). */
  inputs: Array<tf.DataId | undefined>;
  /** Data made while recording that is still alive. */
  kept: tf.DataId[];
}

/**
 * How a backend runs a plan's replays: `graph` as one CUDA graph, `buffers` through the buffers a graph would keep
 * (its calls made one after another: a check without a GPU), `pending` (the next replay captures a graph), `calls`
 * one native call after another, `reason` saying why not a graph.
 */
export interface ReplayGraph {
  mode: 'graph' | 'buffers' | 'pending' | 'calls';
  reason?: string;
}

/**
 * What a backend offers for whole-step replay (`replayable`): it writes down the native calls a step makes and
 * replays them on new inputs in one call. @mimo/backend-torch's backend is one.
 */
export interface StepRecorder {
  /** Starts writing down every native call. */
  beginRecording(): void;
  /** Ends the recording; `failed`: the step threw, drop it. */
  endRecording(failed?: boolean): StepRecording | undefined;
  /** Why two recordings would not replay alike, or null. */
  planMismatch(a: number, b: number): string | null;
  /** Fixes what a replay of `plan` returns: new tensors for the data `results` had when it recorded; → native calls a replay makes. */
  finishPlan(plan: number, results: readonly tf.DataId[]): number;
  /** Replays `plan` reading `inputs` (in `StepRecording.inputs`' order); → the new results' data. */
  replayPlan(plan: number, inputs: readonly tf.DataId[]): tf.TensorInfo[];
  dropPlan(plan: number): void;
  /** How `plan`'s replays run (backends that can tell; undefined once it is dropped). */
  planGraph?(plan: number): ReplayGraph | undefined;
  /** Whether `dataId` is alive. */
  holds(dataId: tf.DataId): boolean;
  /** Moves `source`'s values (a replay's result, used nowhere else) into `target`'s data, whose old values go. */
  adoptData(target: tf.DataId, source: tf.TensorInfo): void;
  refCount(dataId: tf.DataId): number;
}

/** Whether `backend` records steps. */
export function isStepRecorder(backend: tf.KernelBackend): backend is tf.KernelBackend & StepRecorder {
  const candidate = backend as Partial<StepRecorder>;
  return typeof candidate.beginRecording === 'function' && typeof candidate.replayPlan === 'function' && typeof candidate.adoptData === 'function';
}
