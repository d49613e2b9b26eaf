export * from './resolve-backend';
export * from './kernel-bridge';
export * from './doctor';
export * from './gpu-detect';
export { TorchProcessGroup, distributedStatus, isDistributedLaunch, rendezvousFromEnv, RendezvousError } from '@mimo/backend-torch';
export type { NativeRendezvous } from '@mimo/backend-torch';
