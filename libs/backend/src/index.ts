export * from './resolve-backend';
export * from './kernel-bridge';
export * from './doctor';
export * from './gpu-detect';
export { measureCpuContention, contentionVerdict } from './cpu-contention';
export type { CpuContention } from './cpu-contention';
export { TorchProcessGroup, distributedStatus, isDistributedLaunch, rendezvousFromEnv, RendezvousError } from '@mimo/backend-torch';
export type { NativeRendezvous } from '@mimo/backend-torch';
