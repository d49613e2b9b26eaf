// The public API of @mimo/kernels: the native kernels Mimo's layers and optimizer call by name, and the
// attributes they pass. @mimo/core calls them when the active backend registers them (else it runs stock tfjs
// ops); @mimo/backend-torch registers them. One contract, owned here, so the two cannot drift apart.
export * from './dense-kernels';
export * from './recurrent-kernels';
export * from './adam-kernel';
export * from './recorded-steps';
