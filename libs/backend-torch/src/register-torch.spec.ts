import * as tf from '@tensorflow/tfjs';
import * as os from 'os';
import { registerTorchBackend } from './register-torch';

describe('registerTorchBackend', () => {
  const status = registerTorchBackend();

  it('registers torch (below cpu, so never tf\'s default by itself) or says why not', () => {
    if (!status.available) {
      expect(status.reason).toMatch(/native addon/);
      expect(tf.findBackendFactory('torch')).toBeNull();
      return;
    }
    expect(tf.findBackendFactory('torch')).not.toBeNull();
    expect(status.info).toMatchObject({ device: 'cpu', cuda: expect.any(Boolean), version: expect.stringMatching(/^\d+\.\d+/) });
    // MIMO_THREADS unset: every core.
    if (process.env.MIMO_THREADS === undefined) expect(status.info.threads).toBe(os.availableParallelism());
    expect(status.kernels).toEqual(expect.arrayContaining(['BatchMatMul', 'Conv2DBackpropFilter', 'FusedBatchNorm']));
  });

  it('is idempotent', () => {
    expect(registerTorchBackend()).toBe(status);
  });
});
