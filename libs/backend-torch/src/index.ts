// Importing @mimo/backend-torch changes nothing: registerTorchBackend() registers the backend (the resolver in
// @mimo/backend calls it) and says why not where the addon does not load.
export * from './register-torch';
export { TorchBackend } from './torch-backend';
export { TORCH_BACKEND, TORCH_KERNELS } from './kernels';
export type { StepGraphs, TorchInfo } from './native/torch-addon';
export type { LibtorchBuildInfo } from './native/load-addon';
export { TorchProcessGroup, distributedStatus } from './distributed/torch-process-group';
export { rendezvousFromEnv, isDistributedLaunch, RendezvousError, DEFAULT_TIMEOUT_SECONDS } from './distributed/rendezvous';
export type { NativeRendezvous } from './native/torch-addon';
