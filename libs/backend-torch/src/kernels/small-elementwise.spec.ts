import * as tf from '@tensorflow/tfjs';
import { loadTorchAddon } from '../native/load-addon';
import { registerTorchBackend } from '../register-torch';

const status = registerTorchBackend();
const loaded = loadTorchAddon();
const describeTorch = status.available && loaded.ok ? describe : describe.skip;

// The addon runs +, −, ×, ÷, negation, |x| and ReLU itself on float32 tensors of at most 4,096 elements
// (native/small_elementwise.h) and leaves larger ones to ATen. The same values in a tensor past that size go
// through ATen, so comparing the two checks the addon's bits against ATen's, edge values included, with denormals
// flushed to zero (the default, native/flush_denormals.h) and kept.
const SMALL = 64;
const LARGE = 8192;
const EDGES = [0, -0, NaN, Infinity, -Infinity, 1e-40, -1e-40, 3.4e38, -3.4e38, 1, -1, 0.1, -2.5];

/** `count` values: the edge values, then seeded normals; the first SMALL of them as both a small and a large tensor. */
function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  out.set(EDGES.slice(0, count));
  const normal = tf.randomNormal([count], 0, 3, 'float32', seed).dataSync();
  for (let i = EDGES.length; i < count; i++) out[i] = normal[i];
  return out;
}

/** The small tensor's values and the first SMALL values of the large one, as bits. */
function bitsOf(small: tf.Tensor, large: tf.Tensor): [number[], number[]] {
  const bits = (t: tf.Tensor) => Array.from(new Uint32Array(new Float32Array(t.dataSync()).buffer).slice(0, SMALL));
  return [bits(small), bits(large)];
}

describeTorch.each([true, false])('small float arithmetic run by the addon itself (flushDenormals: %s)', (flushDenormals) => {
  const configure = (flush: boolean) => {
    if (!loaded.ok) throw new Error(loaded.reason);
    loaded.addon.configure({ flushDenormals: flush });
  };
  beforeAll(async () => {
    await tf.setBackend('torch');
    configure(flushDenormals);
  });
  afterAll(async () => {
    configure(true);
    await tf.setBackend('cpu');
  });

  const unary: Array<[string, (x: tf.Tensor) => tf.Tensor]> = [
    ['neg', tf.neg],
    ['abs', tf.abs],
    ['relu', tf.relu],
  ];
  it.each(unary)('%s gives ATen bits, -0, NaN, infinities and subnormals included', (_, op) => {
    tf.tidy(() => {
      const x = values(LARGE, 1);
      const [small, large] = bitsOf(op(tf.tensor2d(x.slice(0, SMALL), [SMALL, 1])), op(tf.tensor2d(x, [LARGE, 1])));
      expect(small).toEqual(large);
    });
  });

  const binary: Array<[string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor]> = [
    ['add', tf.add],
    ['sub', tf.sub],
    ['mul', tf.mul],
    ['div', tf.div],
  ];
  it.each(binary)('%s gives ATen bits for operands of one shape and for a single element on either side', (_, op) => {
    tf.tidy(() => {
      const [a, b] = [values(LARGE, 2), values(LARGE, 3).reverse()];
      const smallA = tf.tensor2d(a.slice(0, SMALL), [SMALL, 1]);
      const largeA = tf.tensor2d(a, [LARGE, 1]);
      const pairs: Array<[tf.Tensor, tf.Tensor]> = [
        [op(smallA, tf.tensor2d(b.slice(0, SMALL), [SMALL, 1])), op(largeA, tf.tensor2d(b, [LARGE, 1]))],
        [op(smallA, tf.scalar(-0.3)), op(largeA, tf.scalar(-0.3))],
        [op(tf.tensor2d([[1.7]]), smallA), op(tf.tensor2d([[1.7]]), largeA)],
      ];
      for (const [small, large] of pairs) {
        expect(small.shape).toEqual([SMALL, 1]);
        const [smallBits, largeBits] = bitsOf(small, large);
        expect(smallBits).toEqual(largeBits);
      }
    });
  });

  it('keeps broadcasting that changes a shape, and other dtypes, with ATen', () => {
    tf.tidy(() => {
      // [3] against [1, 1] broadcasts to [1, 3]: not a single element dropped into the other's shape.
      const widened = tf.add(tf.tensor1d([1, 2, 3]), tf.tensor2d([[10]]));
      expect(widened.shape).toEqual([1, 3]);
      expect(Array.from(widened.dataSync())).toEqual([11, 12, 13]);
      const ints = tf.mul(tf.tensor1d([2, -3], 'int32'), tf.tensor1d([4, 5], 'int32'));
      expect(ints.dtype).toBe('int32');
      expect(Array.from(ints.dataSync())).toEqual([8, -15]);
      // [2, 1] against [1, 3]: a general broadcast.
      expect(tf.sub(tf.tensor2d([[1], [2]]), tf.tensor2d([[1, 2, 3]])).arraySync()).toEqual([
        [0, -1, -2],
        [1, 0, -1],
      ]);
    });
  });
});
