import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../model/build-model';
import { parseModelSpec } from '../../spec/model-spec';
import { dataTensors } from '../data/training-data';
import { fakeContext } from '../testing/fake-context';
import { tinyData, tinySpec, weightValues } from '../testing/training-fixtures';
import { computeStep } from '../trainer/train-step';
import { Trainer } from '../trainer/trainer';
import { EarlyStopping, EarlyStoppingConfigSchema } from './early-stopping';
import { ReduceLROnPlateau, ReduceLROnPlateauConfigSchema } from './reduce-lr-on-plateau';
import { TrainerCallback } from './trainer-callback';

/** Runs a callback's onEpochEnd over scripted values of `val_loss`; returns the epoch it stopped at and the rates. */
async function script(callback: TrainerCallback, values: number[]): Promise<{ stoppedAt?: number; rates: number[] }> {
  const ctx = fakeContext();
  const rates: number[] = [];
  for (const [epoch, value] of values.entries()) {
    await callback.onEpochEnd?.(epoch, { val_loss: value }, ctx);
    rates.push(ctx.learningRate);
    if (ctx.stopTraining) return { stoppedAt: epoch, rates };
  }
  return { rates };
}

/** A callback (run first) that overwrites a logged value with a script, so monitors see chosen numbers. */
function scriptedLog(name: string, values: number[]): TrainerCallback {
  return { order: -1, onEpochEnd: (epoch, logs) => void (logs[name] = values[epoch]) };
}

describe('EarlyStopping', () => {
  const early = (config: object) => new EarlyStopping(EarlyStoppingConfigSchema.parse({ type: 'early-stopping', ...config }));

  it.each([
    ['patience 0 stops at the first epoch without improvement', { patience: 0 }, [3, 2, 2.5, 1], 2],
    ['patience 2 waits two epochs', { patience: 2 }, [3, 2, 2.5, 2.4, 1], 3],
    ['an improvement resets the wait', { patience: 2 }, [3, 2, 2.5, 1.5, 1.6, 1.7], 5],
    ['minDelta: improvements smaller than it do not count', { patience: 1, minDelta: 0.5 }, [3, 2.8, 2.7], 1],
    ['mode max for accuracy-like values', { patience: 0, monitor: 'val_loss', mode: 'max' }, [1, 2, 1.5], 2],
    ['baseline: until it is beaten the wait does not restart', { patience: 2, baseline: 0.5 }, [3, 3, 3, 3], 1],
    ['(the same without a baseline)', { patience: 2 }, [3, 3, 3, 3], 2],
    ['startFromEpoch: nothing counts before it', { patience: 0, startFromEpoch: 2 }, [1, 2, 3, 4], 3],
  ])('%s', async (_name, config, values, stoppedAt) => {
    expect((await script(early(config), values)).stoppedAt).toBe(stoppedAt);
  });

  it('names a monitor that is not logged, and what is', async () => {
    await expect(script(early({ monitor: 'val_acc' }), [1])).rejects.toThrow("EarlyStopping monitors 'val_acc', which the logs do not have (logged: val_loss)");
  });

  it('stops a real run and restores the weights of the best epoch', async () => {
    const model = buildModel(tinySpec);
    const data = tinyData(16);
    const trainer = new Trainer(model, tinySpec, { epochs: 10, batchSize: 8, callbacks: [{ type: 'early-stopping', monitor: 'scripted', patience: 2, restoreBestWeights: true }] });
    const atEpochEnd: number[][][] = [];
    const history = await trainer.fit(data, {
      callbacks: [scriptedLog('scripted', [5, 4, 1, 3, 2, 0]), { onEpochEnd: () => void atEpochEnd.push(weightValues(model)) }],
    });
    expect(history.epoch).toEqual([0, 1, 2, 3, 4]);
    expect(weightValues(model)).toEqual(atEpochEnd[2]);
    tf.dispose(dataTensors(data));
    trainer.dispose();
    model.dispose();
  });
});

describe('ReduceLROnPlateau', () => {
  const plateau = (config: object) => new ReduceLROnPlateau(ReduceLROnPlateauConfigSchema.parse({ type: 'reduce-lr-on-plateau', ...config }));

  it.each([
    ['factor after patience epochs without improvement', { patience: 2, factor: 0.5 }, [1, 1, 1, 1, 1], [0.1, 0.1, 0.05, 0.05, 0.025]],
    ['cooldown pauses the count after a reduction (Keras counts the last cooldown epoch again)', { patience: 1, factor: 0.5, cooldown: 2 }, [1, 1, 1, 1, 1, 1], [0.1, 0.05, 0.05, 0.025, 0.025, 0.0125]],
    ['never below minLearningRate', { patience: 1, factor: 0.1, minLearningRate: 0.02 }, [1, 1, 1, 1], [0.1, 0.02, 0.02, 0.02]],
    ['improvements keep the rate', { patience: 1, factor: 0.5 }, [4, 3, 2, 1], [0.1, 0.1, 0.1, 0.1]],
  ])('%s', async (_name, config, values, rates) => {
    (await script(plateau(config), values)).rates.forEach((rate, i) => expect(rate).toBeCloseTo(rates[i], 12));
  });

  it('the optimizer really uses the new rate: each SGD epoch moves the weights by exactly −rate · gradient', async () => {
    const spec = parseModelSpec({ name: 'linear', inputs: { x: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [] } } }, heads: { y: { type: 'regression' } }, seed: 1 });
    const model = buildModel(spec);
    const data = { xs: { x: tf.tensor2d([[1, 2, 3], [0, -1, 2], [2, 0, 1], [1, 1, 1]]) }, ys: { y: tf.tensor2d([[1], [0], [2], [-1]]) } };
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const expected: number[][][] = [];
    const check: TrainerCallback = {
      // One batch per epoch: predict the update from the gradient at the epoch's starting weights and the current rate.
      onEpochBegin: (_epoch, ctx) => {
        const step = computeStep(model, spec, variables, data, {});
        expected.push(variables.map((v, i) => Array.from(tf.tidy(() => tf.sub(v, tf.mul(step.gradients[i] as tf.Tensor, ctx.learningRate))).dataSync())));
        tf.dispose([...step.gradients.filter((g): g is tf.Tensor => g !== null), ...Object.values(step.predictions)]);
      },
    };
    const after: number[][][] = [];
    const trainer = new Trainer(model, spec, {
      epochs: 4,
      batchSize: 4,
      optimizer: { type: 'sgd', learningRate: 0.1 },
      callbacks: [{ type: 'reduce-lr-on-plateau', monitor: 'scripted', patience: 1, factor: 0.2 }],
    });
    const history = await trainer.fit(data, { callbacks: [scriptedLog('scripted', [1, 1, 1, 1]), check, { onEpochEnd: () => void after.push(weightValues(model)) }] });
    expect(history.history.learning_rate.map((r) => Number(r.toPrecision(6)))).toEqual([0.1, 0.1, 0.02, 0.004]);
    after.forEach((weights, epoch) => weights.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(expected[epoch][i][j], 6))));
    tf.dispose(dataTensors(data));
    trainer.dispose();
    model.dispose();
  });
});
