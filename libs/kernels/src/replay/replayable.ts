import * as tf from '@tensorflow/tfjs';
import { recordedStepsGeneration } from './recorded-steps';
import { differentRuns, InputSource, RecordedStep, recordStep } from './record-step';
import { isStepRecorder, ReplayGraph, StepRecorder } from './step-recorder';
import { flattenResult, StepResult } from './step-result';

/** How a replayable step ran on its latest call. */
export interface ReplayStatus {
  /** `eager`: as plain tfjs; `recording`: as plain tfjs, its native calls written down; `replay`: from a recording. */
  mode: 'eager' | 'recording' | 'replay';
  /** Why it does not replay, when it will not (a step that is still recording has none). */
  reason?: string;
  /** Native calls a replay makes. */
  nativeCalls?: number;
  /** On replay, whether the backend runs it as one CUDA graph, and why not (backends that can tell; read when asked). */
  readonly graph?: ReplayGraph;
}

/** A training step that replays its recorded native calls; call it like the function it wraps. */
export interface ReplayableStep<A extends tf.Tensor[], R extends StepResult> {
  (...args: A): R;
  /** How the latest call ran. */
  readonly status: ReplayStatus;
  /** Drops the recordings (their native plans). */
  dispose(): void;
}

/** Calls that run as usual before the step records (e.g. an optimizer's first update makes its slots). */
const WARM_UP_CALLS = 1;
/** Recorded pairs that may disagree before the step gives up replaying and stays eager. */
const RECORDING_ATTEMPTS = 3;

interface Entry<R extends StepResult> {
  calls: number;
  attempts: number;
  previous?: RecordedStep<R>;
  ready?: RecordedStep<R> & { nativeCalls: number };
  refused?: string;
}

/**
 * Wraps a training step — forward, loss, gradients, optimizer update — so that on @mimo/backend-torch it runs
 * natively: after a warm-up call, two calls run as usual while the backend writes their native calls down; when
 * the two recordings agree (the same calls, arguments and constants, reading the same tensors), every later call
 * with arguments of the same shapes replays that plan in one native call, without tfjs's engine, tape or
 * per-kernel round trips, and gives exactly the numbers the plain step gives. On a backend that does not record
 * steps (`StepRecorder`: @mimo/backend-torch's does) it calls `step`.
 *
 * The step must work out everything from its tensor arguments and tfjs variables, as a CUDA graph or a traced
 * function must: JavaScript numbers it uses are replayed as they were when it recorded. Two recordings that
 * differ (a number that changes each call, random values drawn in JavaScript, a variable made or a tensor kept)
 * keep it eager, and `status.reason` says why; code that changes such a number between calls (Mimo's optimizers
 * when their learning rate is set) calls `invalidateRecordedSteps` from @mimo/kernels and the step records anew.
 * It returns nothing, a tensor, a list of tensors or tensors by name: new tensors, the caller's to dispose. It
 * runs inside `tf.tidy`, so the tensors it makes and does not return are disposed.
 */
export function replayable<A extends tf.Tensor[], R extends StepResult>(fn: (...args: A) => R): ReplayableStep<A, R> {
  const step = (...args: A) => {
    const result = tf.tidy(() => fn(...args) as tf.TensorContainer) as R;
    flattenResult(result); // the same errors for a result that is not tensors on every path
    return result;
  };
  let entries = new Map<string, Entry<R>>();
  let generation = recordedStepsGeneration();
  let status: ReplayStatus = { mode: 'eager' };
  const dropAll = (backend: StepRecorder | undefined) => {
    for (const entry of entries.values()) for (const run of [entry.previous, entry.ready]) if (run) backend?.dropPlan(run.recording.plan);
    entries = new Map();
  };
  let owner: StepRecorder | undefined;

  const call = (...args: A): R => {
    const backend = tf.backend();
    if (!isStepRecorder(backend) || tf.engine().state.gradientDepth > 0) {
      status = { mode: 'eager', reason: isStepRecorder(backend) ? 'called inside a gradient' : `backend ${tf.getBackend()} does not replay steps` };
      return step(...args);
    }
    if (owner !== backend || generation !== recordedStepsGeneration()) {
      dropAll(owner);
      owner = backend;
      generation = recordedStepsGeneration();
    }
    const key = args.map((arg) => `${arg.dtype}[${arg.shape.join(',')}]`).join(' ');
    let entry = entries.get(key);
    if (entry === undefined) entries.set(key, (entry = { calls: 0, attempts: 0 }));
    entry.calls++;
    if (entry.ready !== undefined) {
      const replayed = replay(backend, entry.ready, args);
      if (replayed !== undefined) {
        status = replayStatus(backend, entry.ready);
        return replayed.value;
      }
      backend.dropPlan(entry.ready.recording.plan);
      entry.ready = undefined;
    }
    if (entry.refused !== undefined || entry.calls <= WARM_UP_CALLS) {
      status = { mode: 'eager', reason: entry.refused };
      return step(...args);
    }
    status = { mode: 'recording' };
    const run = recordStep(backend, step as (...args: tf.Tensor[]) => R, args);
    if ('reason' in run) {
      refuse(backend, entry, `the step cannot replay: ${run.reason}`);
      return run.value;
    }
    const previous = entry.previous;
    entry.previous = run;
    if (previous === undefined) return run.result.rebuild(run.result.tensors);
    const why = backend.planMismatch(previous.recording.plan, run.recording.plan) ?? differentRuns(previous, run);
    backend.dropPlan(previous.recording.plan);
    if (why === null || why === undefined) {
      entry.previous = undefined;
      try {
        const results = [...run.result.tensors, ...run.updated].map((t) => t.dataId);
        entry.ready = { ...run, nativeCalls: backend.finishPlan(run.recording.plan, results) };
      } catch (error) {
        refuse(backend, entry, `the step cannot replay: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else if (++entry.attempts >= RECORDING_ATTEMPTS) {
      refuse(backend, entry, `two recordings of the step differ: ${why}`);
    }
    return run.result.rebuild(run.result.tensors);
  };

  const replayStatus = (backend: StepRecorder, ready: NonNullable<Entry<R>['ready']>): ReplayStatus => ({
    mode: 'replay',
    nativeCalls: ready.nativeCalls,
    get graph() {
      return backend.planGraph?.(ready.recording.plan);
    },
  });

  const refuse = (backend: StepRecorder, entry: Entry<R>, reason: string) => {
    if (entry.previous) backend.dropPlan(entry.previous.recording.plan);
    entry.previous = undefined;
    entry.refused = reason;
    status = { mode: 'eager', reason };
  };

  // defineProperty: Object.assign would copy the getter's value once.
  Object.defineProperty(call, 'status', { get: () => status });
  return Object.assign(call, { dispose: () => dropAll(owner) }) as ReplayableStep<A, R>;
}

/** Replays `run` on `args`; undefined when a tensor it reads was disposed since it recorded. */
function replay<R extends StepResult>(backend: StepRecorder & tf.KernelBackend, run: RecordedStep<R>, args: tf.Tensor[]): { value: R } | undefined {
  const dataOf = (source: InputSource) => (source.kind === 'argument' ? args[source.index].dataId : source.kind === 'variable' ? source.variable.dataId : source.dataId);
  const inputs = run.sources.map(dataOf);
  if (inputs.some((dataId) => !backend.holds(dataId))) return undefined;
  const outputs = backend.replayPlan(run.recording.plan, inputs);
  const count = run.result.tensors.length;
  const results = outputs.slice(0, count).map((info) => tf.engine().makeTensorFromTensorInfo(info, backend));
  run.updated.forEach((variable, i) => {
    const value = outputs[count + i];
    if (backend.refCount(variable.dataId) === 1) {
      backend.adoptData(variable.dataId, value);
    } else {
      // Another tensor shares the variable's data: give the variable new data, as `assign` does.
      const tensor = tf.engine().makeTensorFromTensorInfo(value, backend);
      variable.assign(tensor);
      tensor.dispose();
    }
  });
  return { value: run.result.rebuild(results) };
}
