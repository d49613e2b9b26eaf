import * as tf from '@tensorflow/tfjs';
import { loadTorchAddon } from './native/load-addon';
import { registerTorchBackend, requestedDenormalFlush } from './register-torch';

const status = registerTorchBackend();
const loaded = loadTorchAddon();
const describeTorch = status.available && loaded.ok ? describe : describe.skip;

// 1e-30 × 1e-10 = 1e-40: under float32's least normal (1.18e-38), so a denormal unless flushed.
const TINY = 1e-30;
const SCALE = 1e-10;

/** x × SCALE on the torch backend for `count` copies of `x`: the small-tensor path under 4,097, ATen's past it. */
function scaled(x: number, count: number): Float32Array {
  return tf.tidy(() => tf.mul(tf.fill([count], x), tf.scalar(SCALE)).dataSync() as Float32Array);
}

/** A float64 denormal halved in JavaScript at run time: 0 only if the thread's float mode flushes. */
function halved(denormal: number): number {
  return denormal * 0.5;
}

describeTorch('denormal floats in native calls', () => {
  beforeAll(() => tf.setBackend('torch'));
  afterAll(() => tf.setBackend('cpu'));

  it('are flushed to zero by default, in results and in inputs, and the backend says so', () => {
    expect(status.available && status.info.flushDenormals).toBe(true);
    expect(Array.from(scaled(TINY, 3))).toEqual([0, 0, 0]);
    // A denormal input (stored as its bits) reads as zero: 1e-40 + 1e-40 would be a denormal 2e-40.
    const sum = tf.tidy(() => {
      const denormal = tf.tensor1d(new Float32Array([1e-40, 1e-40]));
      return tf.add(denormal, denormal).dataSync();
    });
    expect(Array.from(sum)).toEqual([0, 0]);
    // Normal values are untouched.
    expect(scaled(1e-20, 1)[0]).toBeCloseTo(1e-30, 35);
  });

  it("are flushed on libtorch's other threads too: a tensor ATen splits among 2 threads", () => {
    if (!loaded.ok) throw new Error(loaded.reason);
    const threads = loaded.addon.info().threads;
    try {
      loaded.addon.configure({ threads: 2 });
      const values = scaled(TINY, 1 << 20);
      expect(values.every((v) => v === 0)).toBe(true);
    } finally {
      loaded.addon.configure({ threads });
    }
  });

  it('are kept, as ATen computes them, after configure({ flushDenormals: false })', () => {
    if (!loaded.ok) throw new Error(loaded.reason);
    const threads = loaded.addon.info().threads;
    try {
      expect(loaded.addon.configure({ flushDenormals: false, threads: 2 }).flushDenormals).toBe(false);
      for (const count of [3, 1 << 20]) {
        const values = scaled(TINY, count);
        expect(values.every((v) => v > 0 && v < 1.18e-38)).toBe(true);
        expect(values[0]).toBeCloseTo(1e-40, 42);
      }
    } finally {
      loaded.addon.configure({ flushDenormals: true, threads });
    }
    expect(scaled(TINY, 1 << 20).every((v) => v === 0)).toBe(true);
  });

  it("leave JavaScript's own float math as IEEE defines it", () => {
    scaled(TINY, 3);
    expect(halved(1e-310)).toBeGreaterThan(0);
    expect(halved(1e-310)).toBe(5e-311);
  });
});

describe('requestedDenormalFlush', () => {
  it('reads MIMO_FLUSH_DENORMALS: 1 or unset flushes, 0 keeps, anything else throws', () => {
    expect(requestedDenormalFlush({})).toBe(true);
    expect(requestedDenormalFlush({ MIMO_FLUSH_DENORMALS: ' ' })).toBe(true);
    expect(requestedDenormalFlush({ MIMO_FLUSH_DENORMALS: '1' })).toBe(true);
    expect(requestedDenormalFlush({ MIMO_FLUSH_DENORMALS: '0' })).toBe(false);
    for (const bad of ['yes', 'true', '2']) expect(() => requestedDenormalFlush({ MIMO_FLUSH_DENORMALS: bad })).toThrow(`MIMO_FLUSH_DENORMALS must be 0 or 1. Received: ${bad}`);
  });
});
