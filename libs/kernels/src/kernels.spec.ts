import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, DENSE_KERNELS, DROPOUT_MASK_KERNEL, RECURRENT_SEQUENCE_KERNELS } from '.';

describe('the native kernel contract', () => {
  const names = [ADAM_UPDATE_KERNEL, DROPOUT_MASK_KERNEL, ...Object.values(DENSE_KERNELS), ...Object.values(RECURRENT_SEQUENCE_KERNELS).flatMap((k) => Object.values(k))];

  it('names each kernel once, none of them a tfjs kernel', () => {
    expect(new Set(names).size).toBe(names.length);
    const stock = new Set(tf.getKernelsForBackend('cpu').map((k) => k.kernelName));
    expect(stock.size).toBeGreaterThan(100);
    expect(names.filter((name) => stock.has(name))).toEqual([]);
    for (const name of names) expect(name).toMatch(/^Mimo[A-Z]/);
  });
});
