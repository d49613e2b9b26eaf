import * as tf from '@tensorflow/tfjs';

/** Whether the active backend registers every one of `kernelNames` (@mimo/kernels' native contract); else core runs stock tfjs ops. */
export function activeBackendRuns(...kernelNames: string[]): boolean {
  const backend = tf.getBackend();
  return kernelNames.every((name) => tf.getKernel(name, backend) !== undefined);
}
