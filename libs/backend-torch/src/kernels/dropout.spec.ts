import * as tf from '@tensorflow/tfjs';
import { DROPOUT_MASK_KERNEL } from '@mimo/kernels';
import { registerTorchBackend } from '../register-torch';

const status = registerTorchBackend();

(status.available ? describe : describe.skip)('MimoDropoutMask on torch', () => {
  beforeAll(() => tf.setBackend('torch'));
  afterAll(() => tf.setBackend('cpu'));
  const mask = (seed: number, shape: number[], rate: number, atenOps = false) =>
    tf.tidy(() => Array.from((tf.engine().runKernel(DROPOUT_MASK_KERNEL, { seed: tf.scalar(seed, 'int32') }, { shape, rate, atenOps }) as tf.Tensor).dataSync()));

  it('keeps about 1 − rate of the elements, scaled by 1 / (1 − rate), the rest 0', () => {
    const values = mask(7, [200, 100], 0.3);
    const keptValue = Math.fround(1 / Math.fround(0.7));
    expect(values.every((v) => v === 0 || v === keptValue)).toBe(true);
    const kept = values.filter((v) => v !== 0).length / values.length;
    // 20,000 draws: the kept fraction's standard deviation is 0.003.
    expect(Math.abs(kept - 0.7)).toBeLessThan(0.015);
  });

  it('draws the same mask from the same seed and another from another seed', () => {
    expect(mask(11, [64, 32], 0.5)).toEqual(mask(11, [64, 32], 0.5));
    const other = mask(12, [64, 32], 0.5);
    const same = mask(11, [64, 32], 0.5).filter((v, i) => v === other[i]).length;
    expect(same).toBeLessThan(64 * 32 * 0.6);
  });

  it("draws, with the ATen ops other devices run (made on the device, so a CUDA graph can hold them), the cpu loop's mask", () => {
    for (const [seed, rate] of [[7, 0.3], [-5, 0.5], [2 ** 31 - 1, 0.1]]) {
      expect(mask(seed, [3, 50, 40], rate, true)).toEqual(mask(seed, [3, 50, 40], rate));
    }
  });

  it('refuses a rate outside [0, 1) at the call, naming it', () => {
    // The kernel alone, no read: the error comes from the call, not later from the kernel thread.
    const call = (rate: number) => () => tf.tidy(() => tf.engine().runKernel(DROPOUT_MASK_KERNEL, { seed: tf.scalar(1, 'int32') }, { shape: [4], rate }));
    expect(call(1)).toThrow(/a dropout rate must be at least 0 and below 1\. Received: 1$/);
    expect(call(-0.5)).toThrow(/Received: -0\.5$/);
    expect(mask(1, [4], 0)).toEqual([1, 1, 1, 1]);
  });

  it('keeps elements independently of their neighbours and of the next seed', () => {
    const first = mask(100, [40_000], 0.5).map((v) => (v > 0 ? 1 : 0));
    const next = mask(101, [40_000], 0.5).map((v) => (v > 0 ? 1 : 0));
    // For independent fair draws each fraction is 0.5 with a standard deviation of 0.0025.
    const fraction = (hits: (i: number) => boolean) => first.slice(1).filter((_, i) => hits(i)).length / (first.length - 1);
    expect(Math.abs(fraction((i) => first[i] === first[i + 1]) - 0.5)).toBeLessThan(0.0125);
    expect(Math.abs(fraction((i) => first[i + 1] === next[i + 1]) - 0.5)).toBeLessThan(0.0125);
  });
});
