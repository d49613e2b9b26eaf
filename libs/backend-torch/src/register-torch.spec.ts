import * as tf from '@tensorflow/tfjs';
import * as fs from 'fs';
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

  it("names the BLAS libtorch loaded and its threading (Debian's OpenBLAS builds live in openblas-<threading>/)", () => {
    if (!status.available) return;
    expect(status.info.blas).toMatch(/^(MKL|OpenBLAS \S+ \((OpenMP|sequential|pthreads, .+)\)|system BLAS .+)$/);
    const maps = fs.existsSync('/proc/self/maps') ? fs.readFileSync('/proc/self/maps', 'utf8') : '';
    if (maps.includes('/openblas-openmp/')) expect(status.info.blas).toMatch(/\(OpenMP\)$/);
    // The pthread build's own pool fights libtorch's OpenMP threads: one thread unless OPENBLAS_NUM_THREADS says.
    if (maps.includes('/openblas-pthread/') && process.env.OPENBLAS_NUM_THREADS === undefined) expect(status.info.blas).toMatch(/\(pthreads, 1 thread/);
  });

  it('is idempotent', () => {
    expect(registerTorchBackend()).toBe(status);
  });
});
