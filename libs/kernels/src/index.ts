// The public API of @mimo/kernels: the native kernels Mimo's layers and optimizer call by name, the attributes
// they pass, and whole-step replay (`replayable`) over a backend that records steps (`StepRecorder`). @mimo/core
// calls the kernels when the active backend registers them (else it runs stock tfjs ops); @mimo/backend-torch
// registers them and records steps. One contract, owned here, so the two cannot drift apart.
export * from './dense-kernels';
export * from './recurrent-kernels';
export * from './adam-kernel';
export * from './head-loss-kernels';
export * from './dropout-kernel';
export * from './replay/recorded-steps';
export { replayable } from './replay/replayable';
export type { ReplayableStep, ReplayStatus } from './replay/replayable';
export type { StepResult } from './replay/step-result';
export { isStepRecorder } from './replay/step-recorder';
export type { ReplayGraph, StepRecorder, StepRecording } from './replay/step-recorder';
