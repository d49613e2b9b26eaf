import * as tf from '@tensorflow/tfjs';
import { fallbackCounts, getKernelBridge, initBackend, resetFallbackCounts } from '@mimo/backend';
import { registerTorchBackend, TORCH_KERNELS } from '@mimo/backend-torch';
import { checkModel, referenceSpecs } from '@mimo/core';
import { ADAM_UPDATE_KERNEL, DENSE_KERNELS, DROPOUT_MASK_KERNEL, HEAD_LOSS_KERNELS, RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';

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
      inputs: { text: { kind: 'tokens', vocabSize: 30, maxLength: 8, encoder: { type: 'text', rnn, units: [4] as number[], bidirectional: true } } },
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

  withTorch('a model with a head of each kind trains through the head loss kernels, one call each way per head', async () => {
    const spec = {
      name: 'tiny_every_head',
      inputs: { features: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [4] as number[] } } },
      heads: { flag: { type: 'binary' }, kind: { type: 'multiclass', classes: 3 }, tags: { type: 'multilabel', labels: 2 }, level: { type: 'regression', outputs: 1 } },
      seed: 3,
    } as const;
    const { kernels } = await tf.profile(async () => {
      const result = await checkModel(spec, { steps: 1, batchSize: 4 });
      expect(result.problems).toEqual([]);
    });
    const calls = (name: string) => kernels.filter((k) => k.name === name).length;
    expect([calls(HEAD_LOSS_KERNELS.forward), calls(HEAD_LOSS_KERNELS.backward)]).toEqual([4, 4]);
  });

  it('registers every kernel of the native contract (@mimo/kernels) that core calls by name', () => {
    const contract = [ADAM_UPDATE_KERNEL, DROPOUT_MASK_KERNEL, ...Object.values(DENSE_KERNELS), ...Object.values(HEAD_LOSS_KERNELS), ...Object.values(RECURRENT_SEQUENCE_KERNELS).flatMap((k) => Object.values(k))];
    const registered = new Set(TORCH_KERNELS.map((k) => k.kernelName));
    expect(contract.filter((name) => !registered.has(name))).toEqual([]);
  });

  withTorch('never bridges a kernel it runs natively', () => {
    const bridged = new Set(getKernelBridge('torch')?.bridged ?? []);
    expect(TORCH_KERNELS.map((k) => k.kernelName).filter((name) => bridged.has(name))).toEqual([]);
  });
});
