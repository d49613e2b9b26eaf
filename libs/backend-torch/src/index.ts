import { registerTorchBackend } from './register-torch';

export * from './register-torch';
export { TorchBackend } from './torch-backend';
export { ADAM_UPDATE_KERNEL, DENSE_ACTIVATIONS, DENSE_KERNEL_NAMES, RECURRENT_KERNEL_NAMES, TORCH_BACKEND, TORCH_KERNELS } from './kernels';
export type { TorchInfo } from './native/torch-addon';
export type { LibtorchBuildInfo } from './native/load-addon';

// Importing @mimo/backend-torch registers the backend (when the addon loads); the status says why not otherwise.
registerTorchBackend();
