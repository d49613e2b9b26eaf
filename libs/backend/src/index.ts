export * from './resolve-backend';
export * from './kernel-bridge';
export * from './doctor';
export * from './gpu-detect';
