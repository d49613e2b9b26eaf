import * as tf from '@tensorflow/tfjs';
import { profileKernels } from './kernel-profile';

describe('profileKernels', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it('counts every kernel call of the run and puts the original kernels back', async () => {
    const original = tf.getKernel('BatchMatMul', 'cpu')?.kernelFunc;
    const a = tf.ones([2, 3]);
    const b = tf.ones([3, 4]);
    const times = await profileKernels('cpu', async () => {
      for (let i = 0; i < 3; i++) tf.matMul(a, b).dispose();
      tf.relu(a).dispose();
    });
    expect(times.find((t) => t.kernel === 'BatchMatMul')?.calls).toBe(3);
    expect(times.find((t) => t.kernel === 'Relu')?.calls).toBe(1);
    expect(times.every((t) => t.milliseconds >= 0)).toBe(true);
    expect(tf.getKernel('BatchMatMul', 'cpu')?.kernelFunc).toBe(original);
    tf.dispose([a, b]);
  });

  it('restores the kernels when the run throws', async () => {
    const original = tf.getKernel('Relu', 'cpu')?.kernelFunc;
    await expect(profileKernels('cpu', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(tf.getKernel('Relu', 'cpu')?.kernelFunc).toBe(original);
  });
});
