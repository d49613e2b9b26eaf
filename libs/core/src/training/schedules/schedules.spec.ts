import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../model/build-model';
import { dataTensors } from '../data/training-data';
import { tinyData, tinySpec } from '../testing/training-fixtures';
import { Trainer } from '../trainer/trainer';
import { ScheduleConfig, ScheduleConfigSchema, scheduledRate } from '.';

const rates = (config: object, epochs: number[], total = 10) => epochs.map((e) => Number(scheduledRate(ScheduleConfigSchema.parse(config) as ScheduleConfig, 0.1, e, total).toPrecision(6)));

describe('learning-rate schedules', () => {
  it('step: × factor every `every` epochs', () => {
    expect(rates({ type: 'step', every: 2, factor: 0.5 }, [0, 1, 2, 3, 4])).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  it('exponential: × decayRate per decayEpochs, smooth or staircase', () => {
    expect(rates({ type: 'exponential', decayRate: 0.5, decayEpochs: 2 }, [0, 1, 2])).toEqual([0.1, Number((0.1 * Math.SQRT1_2).toPrecision(6)), 0.05]);
    expect(rates({ type: 'exponential', decayRate: 0.5, decayEpochs: 2, staircase: true }, [0, 1, 2])).toEqual([0.1, 0.1, 0.05]);
  });

  it('cosine: half a cosine to alpha · rate over the run, after a linear warm-up', () => {
    expect(rates({ type: 'cosine' }, [0, 5, 10])).toEqual([0.1, 0.05, 0]);
    expect(rates({ type: 'cosine', alpha: 0.1, decayEpochs: 4 }, [0, 2, 4, 8])).toEqual([0.1, 0.055, 0.01, 0.01]);
    expect(rates({ type: 'cosine', warmupEpochs: 2 }, [0, 1, 2, 6, 10])).toEqual([0, 0.05, 0.1, 0.05, 0]);
  });

  it('drives the optimizer through the lr-schedule callback, per epoch or per batch', async () => {
    const model = buildModel(tinySpec);
    const data = tinyData(16);
    const seen: number[] = [];
    const run = async (perBatch: boolean, schedule: ScheduleConfig) => {
      seen.length = 0;
      const trainer = new Trainer(model, tinySpec, {
        epochs: 3,
        batchSize: 8,
        optimizer: { type: 'sgd', learningRate: 0.1 },
        callbacks: [{ type: 'lr-schedule', perBatch, schedule }],
      });
      const history = await trainer.fit(data, { callbacks: [{ onBatchBegin: (_b, ctx) => void seen.push(ctx.learningRate) }] });
      trainer.dispose();
      return history.history.learning_rate;
    };
    expect(await run(false, { type: 'step', every: 1, factor: 0.5 })).toEqual([0.1, 0.05, 0.025]);
    expect(seen).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
    await run(true, { type: 'exponential', decayRate: 0.5, decayEpochs: 1, staircase: false });
    expect(seen).toEqual([0, 0.5, 1, 1.5, 2, 2.5].map((epoch) => 0.1 * 0.5 ** epoch));
    tf.dispose(dataTensors(data));
    model.dispose();
  });
});
