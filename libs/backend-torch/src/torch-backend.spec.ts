import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from './register-torch';
import { trainingDrift } from './testing/training-drift';
import { TorchBackend } from './torch-backend';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

describeTorch('TorchBackend', () => {
  beforeAll(() => tf.setBackend('torch'));
  afterAll(() => tf.setBackend('cpu'));
  const backend = () => tf.backend() as TorchBackend;

  it('keeps tensors natively: reads copy out, dispose frees, memory() reports native bytes', () => {
    const before = backend().memory();
    const t = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    const i = tf.tensor1d([7, -8], 'int32');
    const b = tf.tensor1d([true, false, true], 'bool');

    expect(backend().memory().numTorchTensors).toBe(before.numTorchTensors + 3);
    expect(backend().memory().numBytesInTorch).toBe(before.numBytesInTorch + 6 * 4 + 2 * 4 + 3);
    const values = t.dataSync();
    expect(values).toBeInstanceOf(Float32Array);
    values[0] = 100;
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(i.dataSync()).toEqual(new Int32Array([7, -8]));
    expect(b.dataSync()).toEqual(new Uint8Array([1, 0, 1]));

    tf.dispose([t, i, b]);
    expect(backend().memory()).toMatchObject({ numTorchTensors: before.numTorchTensors, numBytesInTorch: before.numBytesInTorch });
  });

  it('reads asynchronously, counts data ids, keeps string tensors in JavaScript', async () => {
    const ids = backend().numDataIds();
    const t = tf.tensor([1.5, 2.5]);
    const s = tf.tensor(['a', 'bc']);
    expect(backend().numDataIds()).toBe(ids + 2);
    expect(Array.from(await t.data())).toEqual([1.5, 2.5]);
    expect(await s.data()).toEqual(['a', 'bc']);
    tf.dispose([t, s]);
    expect(backend().numDataIds()).toBe(ids);
  });

  it('takes tensors over from another backend, and times kernels', async () => {
    await tf.setBackend('cpu');
    const onCpu = tf.tensor([1, 2, 3]);
    await tf.setBackend('torch');
    expect(Array.from(onCpu.add(1).dataSync())).toEqual([2, 3, 4]);
    const timing = await tf.time(() => tf.tidy(() => tf.matMul(tf.ones([64, 64]), tf.ones([64, 64]))));
    expect(timing.kernelMs).toBeGreaterThanOrEqual(0);
    onCpu.dispose();
  });

  it('slices as views: a batch keeps its values after the tensor it was sliced from is disposed', () => {
    const rows = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const batch = tf.slice(rows, [1, 0], [2, 2]);
    const column = tf.slice(rows, [0, 1], [3, 1]);
    rows.dispose();
    expect(Array.from(batch.dataSync())).toEqual([3, 4, 5, 6]);
    expect(Array.from(column.dataSync())).toEqual([2, 4, 6]);
    expect(Array.from(tf.matMul(batch, column.slice([0, 0], [2, 1])).dataSync())).toEqual([3 * 2 + 4 * 4, 5 * 2 + 6 * 4]);
    tf.dispose([batch, column]);
  });

  it('shares the data of a reshape to the same shape and of a cast to the same dtype, and copies for any other', () => {
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const before = backend().memory().numTorchTensors;
    const same = [tf.reshape(x, [2, 2]), tf.reshape(x, [-1, 2]), tf.cast(x, 'float32')];
    expect(backend().memory().numTorchTensors).toBe(before);
    const changed = [tf.reshape(x, [4]), tf.cast(x, 'int32')];
    expect(backend().memory().numTorchTensors).toBe(before + 2);
    x.dispose();
    for (const t of same) expect(Array.from(t.dataSync())).toEqual([1, 2, 3, 4]);
    expect(same.map((t) => t.shape)).toEqual([[2, 2], [2, 2], [2, 2]]);
    expect(changed.map((t) => [t.shape, t.dtype, Array.from(t.dataSync())])).toEqual([
      [[4], 'float32', [1, 2, 3, 4]],
      [[2, 2], 'int32', [1, 2, 3, 4]],
    ]);
    tf.dispose(same);
    expect(backend().memory().numTorchTensors).toBe(before - 1 + changed.length); // x's data went with the last tensor sharing it
    tf.dispose(changed);
  });

  it('trains 1,000 steps (fused Adam, LSTM sequence kernels, a taped max pool) with flat tensor count and native bytes, and bounded process memory', () => {
    const drift = trainingDrift(1000);
    expect(drift).toMatchObject({ tensors: 0, nativeTensors: 0, nativeBytes: 0, rnnGraphs: 0 });
    expect(drift.rssBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('frees every native intermediate when a kernel throws', () => {
    const before = backend().memory().numTorchTensors;
    const a = tf.ones([2, 3]);
    const b = tf.ones([4, 5]);
    expect(() => tf.engine().runKernel('BatchMatMul', { a, b }, { transposeA: false, transposeB: false })).toThrow(/torch|size|shape|mat/i);
    tf.dispose([a, b]);
    expect(backend().memory().numTorchTensors).toBe(before);
  });

  it('attaches only what the running kernel made and does not return, and frees the rest as usual', () => {
    const b = backend();
    const x = tf.ones([2, 2]);
    const before = b.memory().numTorchTensors;
    const input = { id: b.handle(x), shape: [2, 2], dtype: 'float32' as const };
    expect(() =>
      b.execute(() => {
        const y = b.op('neg', '', x);
        b.attach(y, 'k', input); // x's own handle: x would free it too
        return y;
      }),
    ).toThrow('attach takes a tensor the running kernel created');
    expect(() =>
      b.execute(() => {
        const y = b.op('neg', '', x);
        b.attach(y, 'k', y);
        return y;
      }),
    ).toThrow('a kernel attached a tensor it also returns');
    expect(b.memory().numTorchTensors).toBe(before);
    const out = b.execute(() => {
      const y = b.op('neg', '', x);
      b.attach(y, 'k', b.op('abs', '', x));
      b.attach(y, 'k', b.op('exp', '', x)); // the same key again: the first is freed
      return y;
    }) as tf.TensorInfo;
    expect(b.attached(out, 'k')).toBeDefined();
    expect(b.memory().numTorchTensors).toBe(before + 2);
    b.disposeData(out.dataId);
    expect(b.memory().numTorchTensors).toBe(before);
    x.dispose();
  });
});
