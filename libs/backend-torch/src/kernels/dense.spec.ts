import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { loadTorchAddon } from '../native/load-addon';
import { DENSE_CASES, denseAgreement, denseCaseLabel } from '../testing/dense-agreement';
import { randomTensor as r } from '../testing/random-tensor';
import { DENSE_KERNELS } from '@mimo/kernels';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

describeTorch('the fused Dense kernels', () => {
  afterAll(() => tf.setBackend('cpu'));

  it.each(DENSE_CASES.map((c) => [denseCaseLabel(c), c] as const))('%s: output and every gradient (shapes checked) within 1e-5 of tfjs ops on cpu', async (_, c) => {
    const agreement = await denseAgreement(c);
    expect(agreement.leakedTensors).toBe(0);
    expect(agreement.worstError).toBeLessThanOrEqual(1e-5);
  });

  // A BLAS (on a cpu without AVX-512) may sum in another order on 2 threads: the bits are only ours to keep.
  const loaded = loadTorchAddon();
  const ownProducts = loaded.ok && loaded.addon.info().ownProducts === true;
  (ownProducts ? it : it.skip)('splits a large product among 2 threads with the bits of 1 thread (skipped where the cpu lacks AVX-512: the BLAS runs the products)', async () => {
    await tf.setBackend('torch');
    if (!loaded.ok) throw new Error(loaded.reason);
    const threads = loaded.addon.configure({}).threads;
    // 512 × 256 × 256: 33 million multiply-adds, past the mark (8 million a thread) where a product splits.
    const [x, kernel, bias] = [r([512, 256], 'normal', 1), r([256, 256], 'normal', 2), r([256], 'normal', 3)];
    const product = (n: number) => {
      loaded.addon.configure({ threads: n });
      const y = tf.engine().runKernel(DENSE_KERNELS.forward, { x, kernel, bias }, { activation: 'linear' }) as tf.Tensor;
      const values = y.dataSync().slice();
      y.dispose();
      return values;
    };
    try {
      const [one, two] = [product(1), product(2)];
      expect(Array.from(two)).toEqual(Array.from(one));
      // Against a float64 product in JavaScript.
      const [xs, ks, bs] = [x.dataSync(), kernel.dataSync(), bias.dataSync()];
      let worst = 0;
      for (let i = 0; i < 512; i++) {
        for (let j = 0; j < 256; j++) {
          let sum = bs[j];
          for (let p = 0; p < 256; p++) sum += xs[i * 256 + p] * ks[p * 256 + j];
          worst = Math.max(worst, Math.abs(one[i * 256 + j] - sum) / (1 + Math.abs(sum)));
        }
      }
      expect(worst).toBeLessThan(1e-4);  // float32 sums of 256 products; a wrong tile is off by O(1)
    } finally {
      loaded.addon.configure({ threads });
      tf.dispose([x, kernel, bias]);
    }
  });

  it('runs a product too small to split on one thread and leaves libtorch on the threads it had', async () => {
    await tf.setBackend('torch');
    if (!loaded.ok) throw new Error(loaded.reason);
    const threads = loaded.addon.configure({}).threads;
    const [x, kernel] = [r([3, 5], 'normal', 4), r([5, 7], 'normal', 5)]; // 7 columns: the BLAS on every cpu
    try {
      loaded.addon.configure({ threads: 2 });
      const y = tf.engine().runKernel(DENSE_KERNELS.forward, { x, kernel }, { activation: 'linear' }) as tf.Tensor;
      expect(y.shape).toEqual([3, 7]);
      expect(Array.from(y.dataSync())).toEqual(Array.from(tf.tidy(() => tf.matMul(x, kernel)).dataSync()));
      y.dispose();
      expect(loaded.addon.info().threads).toBe(2);
    } finally {
      loaded.addon.configure({ threads });
      tf.dispose([x, kernel]);
    }
  });

  it('without inputGradient returns dKernel and dBias alone, with the bits of the call that also returns dx', async () => {
    await tf.setBackend('torch');
    const inputs = { x: r([6, 4], 'normal', 6), kernel: r([4, 3], 'normal', 7), y: r([6, 3], 'normal', 8), dy: r([6, 3], 'normal', 9) };
    const backward = (inputGradient: boolean) => tf.engine().runKernel(DENSE_KERNELS.backward, inputs, { activation: 'relu', hasBias: true, inputGradient }) as unknown as tf.Tensor[];
    const [all, weightsOnly] = [backward(true), backward(false)];
    expect(all.map((t) => t.shape)).toEqual([[6, 4], [4, 3], [3]]);
    expect(weightsOnly.map((t) => Array.from(t.dataSync()))).toEqual(all.slice(1).map((t) => Array.from(t.dataSync())));
    tf.dispose([...all, ...weightsOnly, ...Object.values(inputs)]);
  });

  it('names an activation it lacks', async () => {
    await tf.setBackend('torch');
    const x = r([2, 4]);
    const kernel = r([4, 3]);
    expect(() => tf.engine().runKernel(DENSE_KERNELS.forward, { x, kernel }, { activation: 'elu' })).toThrow(
      "Dense activation must be one of linear, relu, sigmoid, tanh. Received: 'elu'",
    );
    tf.dispose([x, kernel]);
  });
});
