import * as tf from '@tensorflow/tfjs';
import { fallbackCounts, getKernelBridge, initBackend, resetFallbackCounts } from '@mimo/backend';
import { ADAM_UPDATE_KERNEL as TORCH_ADAM_UPDATE_KERNEL, DENSE_KERNEL_NAMES, RECURRENT_KERNEL_NAMES, registerTorchBackend, TORCH_KERNELS } from '@mimo/backend-torch';
import { checkModel, referenceSpecs } from '@mimo/core';
import { ADAM_UPDATE_KERNEL, DENSE_KERNELS, RECURRENT_SEQUENCE_KERNELS } from '@mimo/core/internal';

// These run on the torch backend, so they need its addon built (`npm run build:torch`).
const torch = registerTorchBackend();
const withTorch = torch.available ? it : it.skip;

describe('training the reference models on torch', () => {
  beforeAll(async () => {
    if (torch.available) await initBackend({ backend: 'torch' });
  });

  withTorch.each(referenceSpecs.map((spec) => [spec.name, spec] as const))('%s trains without a single kernel falling back to cpu', async (_name, spec) => {
    resetFallbackCounts();
    const result = await checkModel(spec, { steps: 2, batchSize: 4 });
    expect(result.problems).toEqual([]);
    expect(fallbackCounts()).toEqual({});
  });

  withTorch.each(['lstm', 'gru'] as const)('a tiny bidirectional %s text model trains through the whole-sequence kernels, none falling back', async (rnn) => {
    resetFallbackCounts();
    const spec = {
      name: `tiny_text_${rnn}`,
      inputs: { text: { kind: 'tokens', vocabSize: 30, maxLength: 8, encoder: { type: 'text', rnn, units: 4, bidirectional: true } } },
      heads: { label: { type: 'binary' } },
      seed: 3,
    } as const;
    const { kernelNames } = await tf.profile(async () => {
      const result = await checkModel(spec, { steps: 2, batchSize: 4 });
      expect(result.problems).toEqual([]);
    });
    const { forward, backward } = RECURRENT_SEQUENCE_KERNELS[rnn];
    expect([kernelNames.includes(forward), kernelNames.includes(backward)]).toEqual([true, true]);
    expect(fallbackCounts()).toEqual({});
  });

  it("calls the recurrent kernels by the torch backend's names", () => {
    const { lstm, gru } = RECURRENT_SEQUENCE_KERNELS;
    expect([lstm.forward, lstm.backward, gru.forward, gru.backward]).toEqual([
      RECURRENT_KERNEL_NAMES.lstm,
      RECURRENT_KERNEL_NAMES.lstmGrad,
      RECURRENT_KERNEL_NAMES.gru,
      RECURRENT_KERNEL_NAMES.gruGrad,
    ]);
  });

  it("calls the fused Adam update by the torch backend's name", () => {
    expect(ADAM_UPDATE_KERNEL).toBe(TORCH_ADAM_UPDATE_KERNEL);
  });

  it("calls the Dense kernels by the torch backend's names", () => {
    expect(DENSE_KERNELS).toEqual(DENSE_KERNEL_NAMES);
  });

  withTorch('never bridges a kernel it runs natively', () => {
    const bridged = new Set(getKernelBridge('torch')?.bridged ?? []);
    expect(TORCH_KERNELS.map((k) => k.kernelName).filter((name) => bridged.has(name))).toEqual([]);
  });
});
