import * as tf from '@tensorflow/tfjs';
import { clipGradients, createTrainingOptimizer, TrainingOptimizer, TrainingOptimizerConfigInput } from '.';

function stepOnce(optimizer: TrainingOptimizer, value: number, gradient: number, steps = 1): number {
  const v = tf.variable(tf.tensor1d([value]));
  const g = tf.tensor1d([gradient]);
  for (let i = 0; i < steps; i++) optimizer.applyGradients([v], [g]);
  const result = v.dataSync()[0];
  tf.dispose([v, g]);
  return result;
}

describe('optimizers (Keras update rules)', () => {
  it.each<[string, TrainingOptimizerConfigInput, number, number]>([
    ['sgd', { type: 'sgd', learningRate: 0.1 }, 1, 0.95],
    ['sgd, two steps', { type: 'sgd', learningRate: 0.1 }, 2, 0.9],
    ['sgd with momentum', { type: 'sgd', learningRate: 0.1, momentum: 0.9 }, 2, 1 - 0.05 - 0.095],
    ['sgd with Nesterov momentum', { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true }, 1, 1 - 0.095],
    ['adam (first step ≈ lr)', { type: 'adam', learningRate: 0.1 }, 1, 0.9],
    ['rmsprop', { type: 'rmsprop', learningRate: 0.1 }, 1, 1 - (0.1 * 0.5) / Math.sqrt(0.1 * 0.25 + 1e-7)],
  ])('%s', (_name, config, steps, expected) => {
    const optimizer = createTrainingOptimizer(config);
    expect(stepOnce(optimizer, 1, 0.5, steps)).toBeCloseTo(expected, 5);
    optimizer.dispose();
  });

  it('uses a new learning rate on the very next update', () => {
    const optimizer = createTrainingOptimizer({ type: 'sgd', learningRate: 0.1 });
    const v = tf.variable(tf.tensor1d([1]));
    const g = tf.tensor1d([0.5]);
    optimizer.applyGradients([v], [g]);
    optimizer.learningRate = 0.01;
    optimizer.applyGradients([v], [g]);
    expect(v.dataSync()[0]).toBeCloseTo(1 - 0.05 - 0.005, 6);
    tf.dispose([v, g]);
    optimizer.dispose();
  });

  it('restores its state exactly: a restored optimizer continues bit for bit', () => {
    const run = (restoreAfter?: number) => {
      let optimizer = createTrainingOptimizer({ type: 'adam', learningRate: 0.05 });
      const v = tf.variable(tf.tensor1d([1, -2, 3]));
      for (let step = 0; step < 6; step++) {
        if (step === restoreAfter) {
          const fresh = createTrainingOptimizer({ type: 'adam', learningRate: 0.05 });
          fresh.setState(optimizer.getState());
          optimizer.dispose();
          optimizer = fresh;
        }
        tf.tidy(() => optimizer.applyGradients([v], [tf.mul(v, 0.3 + step)]));
      }
      const values = Array.from(v.dataSync());
      tf.dispose(v);
      optimizer.dispose();
      return values;
    };
    expect(run(3)).toEqual(run());
  });

  it('refuses state for other variables with a message that says what to do', () => {
    const optimizer = createTrainingOptimizer({ type: 'adam' });
    const a = tf.variable(tf.zeros([2]));
    const b = tf.variable(tf.zeros([3]));
    optimizer.applyGradients([a], [tf.onesLike(a)]);
    expect(() => optimizer.applyGradients([a, b], [null, null])).toThrow(
      'the adam optimizer holds state for 1 variables but was given 2 of other shapes; use a new optimizer (a new Trainer) after freezing or unfreezing layers',
    );
    tf.dispose([a, b]);
    optimizer.dispose();
  });

  it('validates its config', () => {
    expect(() => createTrainingOptimizer({ type: 'sgd', clipNorm: 1, clipValue: 1 })).toThrow('set at most one of clipNorm, globalClipNorm and clipValue');
    expect(() => createTrainingOptimizer({ type: 'sgd', nesterov: true })).toThrow('sgd: nesterov needs momentum > 0. Received: momentum=0');
    expect(() => createTrainingOptimizer({ type: 'adam' }).learningRate = -1).toThrow('learning rate must be a finite number ≥ 0. Received: -1');
  });
});

describe('clipGradients', () => {
  const values = (gradients: (tf.Tensor | null)[]) => gradients.map((g) => (g ? Array.from(g.dataSync()).map((x) => Number(x.toFixed(4))) : null));
  const gradients = () => [tf.tensor1d([3, 4]), null, tf.tensor1d([0, 1])];

  it.each([
    ['clipNorm: each gradient to norm 1', { clipNorm: 1 }, [[0.6, 0.8], null, [0, 1]]],
    ['globalClipNorm: all together to norm 1', { globalClipNorm: 1 }, [[3 / Math.sqrt(26), 4 / Math.sqrt(26)], null, [0, 1 / Math.sqrt(26)]].map((g) => g && g.map((x) => Number(x.toFixed(4))))],
    ['clipValue: each element to [-2, 2]', { clipValue: 2 }, [[2, 2], null, [0, 1]]],
    ['nothing set: unchanged copies', {}, [[3, 4], null, [0, 1]]],
  ])('%s', (_name, clipping, expected) => {
    const input = gradients();
    const clipped = clipGradients(input, clipping);
    expect(values(clipped)).toEqual(expected);
    tf.dispose([...input, ...clipped].filter((g): g is tf.Tensor => g !== null));
  });
});
