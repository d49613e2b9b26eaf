import * as tf from '@tensorflow/tfjs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { registerTorchBackend, requestedStepGraphs, requestedThreads } from './register-torch';

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
    expect(status.info.threads).toBe(requestedThreads());
    expect(status.kernels).toEqual(expect.arrayContaining(['BatchMatMul', 'Conv2DBackpropFilter', 'FusedBatchNorm']));
  });

  (status.available ? it : it.skip)("names the BLAS libtorch loaded and its threading (Debian's OpenBLAS builds live in openblas-<threading>/)", () => {
    if (!status.available) throw new Error('unreachable: skipped without the addon');
    expect(status.info.blas).toMatch(/^(MKL|OpenBLAS \S+ \((OpenMP|sequential|pthreads, .+)\)|system BLAS .+)$/);
    const maps = fs.existsSync('/proc/self/maps') ? fs.readFileSync('/proc/self/maps', 'utf8') : '';
    if (maps.includes('/openblas-openmp/')) expect(status.info.blas).toMatch(/\(OpenMP\)$/);
    // The pthread build's own pool fights libtorch's OpenMP threads: one thread unless OPENBLAS_NUM_THREADS says.
    if (maps.includes('/openblas-pthread/') && process.env.OPENBLAS_NUM_THREADS === undefined) expect(status.info.blas).toMatch(/\(pthreads, 1 thread/);
  });

  it('takes MIMO_THREADS as the thread count, every core when it is unset or empty', () => {
    expect(requestedThreads({})).toBe(os.availableParallelism());
    expect(requestedThreads({ MIMO_THREADS: ' ' })).toBe(os.availableParallelism());
    expect(requestedThreads({ MIMO_THREADS: '3' })).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two']) expect(() => requestedThreads({ MIMO_THREADS: bad })).toThrow(`MIMO_THREADS must be a positive integer. Received: ${bad}`);
  });

  it('takes MIMO_STEP_GRAPHS as how replayed steps run, auto when it is unset or empty', () => {
    expect(requestedStepGraphs({})).toBe('auto');
    expect(requestedStepGraphs({ MIMO_STEP_GRAPHS: ' ' })).toBe('auto');
    expect(requestedStepGraphs({ MIMO_STEP_GRAPHS: 'OFF' })).toBe('off');
    expect(requestedStepGraphs({ MIMO_STEP_GRAPHS: 'buffers' })).toBe('buffers');
    for (const bad of ['1', 'cuda']) expect(() => requestedStepGraphs({ MIMO_STEP_GRAPHS: bad })).toThrow(`MIMO_STEP_GRAPHS must be auto, off or buffers. Received: ${bad}`);
  });

  (status.available ? it : it.skip)('reports how replayed steps run, and whether this build has CUDA graphs (a CUDA libtorch and headers when it built)', () => {
    if (!status.available) throw new Error('unreachable: skipped without the addon');
    expect(status.info.stepGraphs).toBe(requestedStepGraphs());
    const built = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'build', 'status.json'), 'utf8')) as { cudaGraphs: { built: boolean } };
    expect(status.info.cudaGraphs).toBe(built.cudaGraphs.built);
  });

  it('is idempotent', () => {
    expect(registerTorchBackend()).toBe(status);
  });
});
