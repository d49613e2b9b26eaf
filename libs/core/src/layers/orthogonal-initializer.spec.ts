import * as tf from '@tensorflow/tfjs';
import { FusedGRU, FusedLSTM } from './fused-recurrent-layers';
import { OrthogonalInitializer } from './orthogonal-initializer';

/** Largest |(MᵀM or MMᵀ) − gain²·I| over the smaller Gram matrix of a `[rows, cols]` tensor. */
function orthogonalityError(m: tf.Tensor2D, gain: number): number {
  return tf.tidy(() => {
    const [rows, cols] = m.shape;
    const gram = rows >= cols ? tf.matMul(m, m, true, false) : tf.matMul(m, m, false, true);
    const identity = tf.mul(tf.eye(Math.min(rows, cols)), gain * gain);
    return tf.max(tf.abs(tf.sub(gram, identity))).dataSync()[0];
  });
}

describe('OrthogonalInitializer', () => {
  it.each([
    [[64, 256], 1],
    [[256, 64], 1],
    [[3, 3, 2, 8], 0.5],
  ])('gives orthonormal columns or rows, times the gain, for shape %j', (shape, gain) => {
    const values = new OrthogonalInitializer({ gain, seed: 7 }).apply(shape);
    const matrix = values.reshape([shape.slice(0, -1).reduce((a, b) => a * b, 1), shape[shape.length - 1]]) as tf.Tensor2D;
    expect(values.shape).toEqual(shape);
    expect(orthogonalityError(matrix, gain)).toBeLessThan(1e-5);
    tf.dispose([values, matrix]);
  });

  it('is seeded: the same seed gives the same matrix, another seed another one', () => {
    const [a, b, c] = [7, 7, 8].map((seed) => new OrthogonalInitializer({ seed }).apply([16, 32]).dataSync());
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it("saves as tfjs's Orthogonal (className and config), so stock tfjs loads what it initialised", () => {
    const ours = new OrthogonalInitializer({ gain: 2, seed: 3 });
    const stock = tf.initializers.orthogonal({ gain: 2, seed: 3 });
    expect(ours.getClassName()).toBe('Orthogonal');
    expect(ours.getConfig()).toEqual(stock.getConfig());
  });

  it('refuses shapes it cannot read as a matrix', () => {
    expect(() => new OrthogonalInitializer().apply([5])).toThrow('Orthogonal initializer: expected a shape of at least 2 known dims, received [5]');
  });

  it('builds an LSTM without the warning tfjs prints for its own orthogonal initializer on large matrices', () => {
    const warn = jest.spyOn(console, 'warn');
    try {
      const layer = tf.layers.lstm({ units: 64, recurrentInitializer: new OrthogonalInitializer({ seed: 1 }) });
      layer.apply(tf.input({ shape: [5, 8] }));
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it.each([
    ['FusedLSTM', FusedLSTM],
    ['FusedGRU', FusedGRU],
  ] as const)('%s takes its default, named and saved Orthogonal recurrent initializer as OrthogonalInitializer', (_name, Layer) => {
    const recurrentInitializer = (layer: tf.layers.Layer) => (layer as unknown as { cell: { recurrentInitializer: unknown } }).cell.recurrentInitializer;
    const byDefault = new Layer({ units: 4 });
    const named = new Layer({ units: 4, recurrentInitializer: 'orthogonal' });
    const restored = Layer.fromConfig(Layer, byDefault.getConfig()) as tf.layers.Layer;
    for (const layer of [byDefault, named, restored]) expect(recurrentInitializer(layer)).toBeInstanceOf(OrthogonalInitializer);
    expect(recurrentInitializer(new Layer({ units: 4, recurrentInitializer: 'zeros' }))).not.toBeInstanceOf(OrthogonalInitializer);
  });
});
