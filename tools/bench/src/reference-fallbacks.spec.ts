import * as tf from '@tensorflow/tfjs';
import { fallbackCounts, getKernelBridge, initBackend, resetFallbackCounts } from '@mimo/backend';
import { TORCH_KERNELS } from '@mimo/backend-torch';
import { checkModel, referenceSpecs } from '@mimo/core';

// Runs on the torch backend when its addon is built (the resolver picks it); otherwise there is nothing to check.
const onTorch = () => tf.getBackend() === 'torch';

describe('training the reference models on torch', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(referenceSpecs.map((spec) => [spec.name, spec] as const))('%s trains without a single kernel falling back to cpu', async (_name, spec) => {
    if (!onTorch()) return;
    resetFallbackCounts();
    const result = await checkModel(spec, { steps: 2, batchSize: 4 });
    expect(result.problems).toEqual([]);
    expect(fallbackCounts()).toEqual({});
  });

  it('never bridges a kernel it runs natively', () => {
    if (!onTorch()) return;
    const bridged = new Set(getKernelBridge('torch')?.bridged ?? []);
    expect(TORCH_KERNELS.map((k) => k.kernelName).filter((name) => bridged.has(name))).toEqual([]);
  });
});
