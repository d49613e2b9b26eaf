import * as tf from '@tensorflow/tfjs';
import { StepRecorder, StepRecording } from './step-recorder';
import { FlatResult, flattenResult, StepResult } from './step-result';

/** Where a replay's input comes from: an argument of the step, a variable's current value, or a tensor read as it was. */
export type InputSource = { kind: 'argument'; index: number } | { kind: 'variable'; variable: tf.Variable } | { kind: 'tensor'; dataId: tf.DataId };

/** One recorded run of a step: what it read, what it returned and which variables it gave new values. */
export interface RecordedStep<R extends StepResult> {
  recording: StepRecording;
  sources: InputSource[];
  result: FlatResult<R>;
  updated: tf.Variable[];
}

/** A recorded run the step cannot replay from, and why (its plan is dropped). */
export interface UnreplayableStep<R extends StepResult> {
  reason: string;
  value: R;
}

/** Runs `step` once as usual while `backend` writes its native calls down. */
export function recordStep<R extends StepResult>(backend: StepRecorder, step: (...args: tf.Tensor[]) => R, args: tf.Tensor[]): RecordedStep<R> | UnreplayableStep<R> {
  const variablesBefore = new Map(Object.values(tf.engine().state.registeredVariables).map((v) => [v, v.dataId]));
  backend.beginRecording();
  let value: R;
  try {
    value = step(...args);
  } catch (error) {
    backend.endRecording(true);
    throw error;
  }
  const recording = backend.endRecording() as StepRecording;
  const refuse = (reason: string) => {
    backend.dropPlan(recording.plan);
    return { reason, value };
  };
  const variablesAfter = Object.values(tf.engine().state.registeredVariables);
  if (variablesAfter.length !== variablesBefore.size || variablesAfter.some((v) => !variablesBefore.has(v))) {
    return refuse('it made or disposed variables');
  }
  const result = flattenResult(value);
  const updated = variablesAfter.filter((v) => v.dataId !== variablesBefore.get(v));
  const returned = new Set<tf.DataId>([...result.tensors, ...updated].map((t) => t.dataId));
  const kept = recording.kept.filter((dataId) => !returned.has(dataId)).length;
  if (kept > 0) return refuse(`it keeps ${kept} tensor(s) besides its result and its variables' new values (dispose them inside the step, or return them)`);
  const variableOf = new Map([...variablesBefore].map(([variable, dataId]) => [dataId, variable]));
  const sources: InputSource[] = [];
  for (const dataId of recording.inputs) {
    if (dataId === undefined) return refuse('it reads a native tensor that belongs to no tfjs tensor');
    const index = args.findIndex((arg) => arg.dataId === dataId);
    const variable = variableOf.get(dataId);
    sources.push(index >= 0 ? { kind: 'argument', index } : variable !== undefined ? { kind: 'variable', variable } : { kind: 'tensor', dataId });
  }
  return { recording, sources, result, updated };
}

/** Why two recorded runs of a step would not replay alike on the JavaScript side, or undefined. */
export function differentRuns<R extends StepResult>(a: RecordedStep<R>, b: RecordedStep<R>): string | undefined {
  if (a.result.structure !== b.result.structure) return `its result changed from ${a.result.structure} to ${b.result.structure}`;
  if (a.updated.length !== b.updated.length || a.updated.some((v, i) => v !== b.updated[i])) return 'it updated other variables';
  if (a.sources.length !== b.sources.length) return 'it read other tensors';
  const same = (x: InputSource, y: InputSource) =>
    (x.kind === 'argument' && y.kind === 'argument' && x.index === y.index) ||
    (x.kind === 'variable' && y.kind === 'variable' && x.variable === y.variable) ||
    (x.kind === 'tensor' && y.kind === 'tensor' && x.dataId === y.dataId);
  const changed = a.sources.findIndex((source, i) => !same(source, b.sources[i]));
  return changed >= 0 ? `input ${changed + 1} came from another tensor (a tensor made outside the step and read inside changed)` : undefined;
}
