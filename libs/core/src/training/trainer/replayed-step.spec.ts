import * as tf from '@tensorflow/tfjs';
import { isStepRecorder } from '@mimo/kernels';
import { buildModel } from '../../model/build-model';
import { parseModelSpec } from '../../spec/model-spec';
import { dataTensors } from '../data/training-data';
import { clipGradients, createTrainingOptimizer } from '../optimizers';
import { tinyData, tinySpec, weightValues } from '../testing/training-fixtures';
import { DropoutSeeds } from './dropout-seeds';
import { ReplayedTrainingStep } from './replayed-step';
import { computeStep } from './train-step';

/** tinySpec without its dropout: every step the same native calls, so the step replays. */
const spec = parseModelSpec({ ...tinySpec, inputs: { ...tinySpec.inputs, b: { ...tinySpec.inputs.b, encoder: { type: 'dense', units: [4] } } } });
/** The same with an image in place of b: convolutions, pooling and their gradients in the step. */
const imageSpec = parseModelSpec({ ...tinySpec, inputs: { a: tinySpec.inputs.a, img: { kind: 'image', height: 6, width: 6, channels: 1, encoder: { type: 'cnn', filters: [2] } } } });
const imageData = (n: number) => {
  const { xs, ys } = tinyData(n);
  tf.dispose(xs.b);
  return { xs: { a: xs.a, img: tf.randomNormal([n, 6, 6, 1], 0, 1, 'float32', 3) }, ys };
};

describe('ReplayedTrainingStep', () => {
  it.each([
    ['dense encoders', spec, () => tinyData(16)],
    ['an image encoder', imageSpec, () => imageData(16)],
  ] as const)('trains with exactly the losses and weights of the plain step (%s): replayed on a recording backend (torch), plain elsewhere', (_, spec, makeData) => {
    const data = makeData();
    const plain = { model: buildModel(spec), optimizer: createTrainingOptimizer({ type: 'adam', learningRate: 0.01, clipNorm: 1 }) };
    const replayed = { model: buildModel(spec), optimizer: createTrainingOptimizer({ type: 'adam', learningRate: 0.01, clipNorm: 1 }) };
    const variables = (model: tf.LayersModel) => model.trainableWeights.map((w) => w.read() as tf.Variable);
    const steps = new ReplayedTrainingStep(replayed.model, spec, variables(replayed.model), {}, replayed.optimizer, { clipNorm: 1 });
    const modes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const expected = computeStep(plain.model, spec, variables(plain.model), data, {});
      const clipped = clipGradients(expected.gradients, { clipNorm: 1 });
      plain.optimizer.applyGradients(variables(plain.model), clipped);
      tf.dispose(clipped.filter((g): g is tf.Tensor => g !== null));
      const actual = steps.compute(data);
      steps.apply(actual.gradients);
      modes.push(steps.status?.mode ?? 'none');
      expect(actual.loss).toBe(expected.loss);
      expect(actual.headLosses).toEqual(expected.headLosses);
      tf.dispose([...Object.values(expected.predictions), ...Object.values(actual.predictions), ...expected.gradients, ...actual.gradients].filter((t): t is tf.Tensor => t !== null));
    }
    expect(modes.slice(3)).toEqual(Array(5).fill(isStepRecorder(tf.backend()) ? 'replay' : 'eager'));
    expect(weightValues(replayed.model)).toEqual(weightValues(plain.model));
    expect(replayed.optimizer.iterations).toBe(8);
    steps.dispose();
    [plain, replayed].forEach(({ model, optimizer }) => (model.dispose(), optimizer.dispose()));
    tf.dispose(dataTensors(data));
  });

  it('replays a model with dropout too, drawing the masks of the plain step from per-step seeds', () => {
    const data = tinyData(16);
    const runs = [0, 1].map(() => {
      const model = buildModel(tinySpec);
      return { model, optimizer: createTrainingOptimizer({ type: 'adam', learningRate: 0.01 }), seeds: new DropoutSeeds(model), variables: model.trainableWeights.map((w) => w.read() as tf.Variable) };
    });
    const [plain, replayed] = runs;
    const steps = new ReplayedTrainingStep(replayed.model, tinySpec, replayed.variables, {}, replayed.optimizer, {});
    const losses: number[][] = [[], []];
    const modes: string[] = [];
    for (let i = 0; i < 7; i++) {
      runs.forEach((run) => run.seeds.forStep(3, i));
      const expected = computeStep(plain.model, tinySpec, plain.variables, data, {});
      plain.optimizer.applyGradients(plain.variables, expected.gradients);
      const actual = steps.compute(data);
      steps.apply(actual.gradients);
      modes.push(steps.status?.mode ?? 'none');
      losses[0].push(expected.loss);
      losses[1].push(actual.loss);
      tf.dispose([...Object.values(expected.predictions), ...Object.values(actual.predictions), ...expected.gradients, ...actual.gradients].filter((t): t is tf.Tensor => t !== null));
    }
    expect(modes.slice(3)).toEqual(Array(4).fill(isStepRecorder(tf.backend()) ? 'replay' : 'eager'));
    expect(losses[1]).toEqual(losses[0]);
    // Dropout really drew other masks each step: the same weights on the same batch would give one loss.
    expect(new Set(losses[0]).size).toBe(7);
    expect(weightValues(replayed.model)).toEqual(weightValues(plain.model));
    steps.dispose();
    runs.forEach(({ model, optimizer, seeds }) => (seeds.restore(), model.dispose(), optimizer.dispose()));
    tf.dispose(dataTensors(data));
  });
});
