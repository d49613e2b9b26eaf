import * as tf from '@tensorflow/tfjs';
import { profileKernels, profileTraining } from './kernel-profile';
import { benchModelTraining } from './measure';

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

describe('profileTraining', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it("times a bench model's steps and accounts each kernel call to the step", async () => {
    const training = benchModelTraining('mlp', 4);
    try {
      const profile = await profileTraining(training, 2, 1);
      expect(profile.kernels.find((k) => k.kernel === 'BatchMatMul')?.calls).toBeGreaterThan(0);
      expect(profile.callsPerStep).toBe(profile.kernels.reduce((sum, k) => sum + k.calls, 0) / 2);
      expect(profile.inKernelsMs).toBeLessThanOrEqual(profile.stepMs);
    } finally {
      training.dispose();
    }
  });
});
