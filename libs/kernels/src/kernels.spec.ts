import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, adamUpdateInputs, adamUpdateParts, DENSE_KERNELS, DROPOUT_MASK_KERNEL, HEAD_LOSS_KERNELS, RECURRENT_SEQUENCE_KERNELS } from '.';

describe('the native kernel contract', () => {
  const names = [ADAM_UPDATE_KERNEL, DROPOUT_MASK_KERNEL, ...Object.values(DENSE_KERNELS), ...Object.values(HEAD_LOSS_KERNELS), ...Object.values(RECURRENT_SEQUENCE_KERNELS).flatMap((k) => Object.values(k))];

  it('names each kernel once, none of them a tfjs kernel', () => {
    expect(new Set(names).size).toBe(names.length);
    const stock = new Set(tf.getKernelsForBackend('cpu').map((k) => k.kernelName));
    expect(stock.size).toBeGreaterThan(100);
    expect(names.filter((name) => stock.has(name))).toEqual([]);
    for (const name of names) expect(name).toMatch(/^Mimo[A-Z]/);
  });
});

describe('the Adam update kernel inputs', () => {
  it('round-trip through adamUpdateInputs and adamUpdateParts in variable order', () => {
    const variables = [0, 1].map((i) => ({ variable: `w${i}`, gradient: `g${i}`, m: `m${i}`, v: `v${i}` }));
    const inputs = adamUpdateInputs(variables, 't');
    expect(Object.keys(inputs).sort()).toEqual(['gradient0', 'gradient1', 'iteration', 'm0', 'm1', 'v0', 'v1', 'variable0', 'variable1']);
    expect(adamUpdateParts(inputs)).toEqual({ variables, iteration: 't' });
  });

  it('name the missing input', () => {
    const inputs = adamUpdateInputs([{ variable: 'w', gradient: 'g', m: 'm', v: 'v' }], 't');
    expect(() => adamUpdateParts({ ...inputs, m0: undefined })).toThrow("MimoAdamUpdate: no input 'm0'");
    expect(() => adamUpdateParts({ iteration: 't', variable0: 'w' })).toThrow('MimoAdamUpdate: takes variable<i>, gradient<i>, m<i>, v<i> per variable and iteration. Received: iteration, variable0');
  });
});
