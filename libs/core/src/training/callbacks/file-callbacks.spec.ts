import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadBundle } from '../../bundle/bundle';
import { buildModel } from '../../model/build-model';
import { readEvents } from '../../tensorboard/event-file.test-helper';
import { CHECKPOINT_FILES, findCheckpoint, TrainerState } from '../checkpoint/checkpoint';
import { dataTensors } from '../data/training-data';
import { fakeContext } from '../testing/fake-context';
import { tinyData, tinySpec, weightValues } from '../testing/training-fixtures';
import { Trainer } from '../trainer/trainer';
import { TrainerConfigInput } from '../trainer/trainer-config';
import { CsvLogger } from './csv-logger';
import { TrainerCallback, TrainingHistory } from './trainer-callback';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-callbacks-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function train(config: TrainerConfigInput, callbacks: TrainerCallback[] = []): Promise<{ history: TrainingHistory; model: tf.LayersModel }> {
  const model = buildModel(tinySpec);
  const data = tinyData(24);
  const trainer = new Trainer(model, tinySpec, { batchSize: 8, validationSplit: 1 / 3, ...config });
  try {
    return { history: await trainer.fit(data, { callbacks }), model };
  } finally {
    trainer.dispose();
    tf.dispose(dataTensors(data));
  }
}

const readState = async (folder: string) => JSON.parse(await fs.readFile(path.join(folder, CHECKPOINT_FILES.state), 'utf8')) as TrainerState;

describe('ModelCheckpoint', () => {
  it('writes last/ every epoch and best/ on improvement, atomically, as loadable bundles', async () => {
    const scripted: TrainerCallback = { order: -1, onEpochEnd: (epoch, logs) => void (logs.val_loss = [3, 1, 2][epoch]) };
    let bestWeights: number[][] = [];
    const grab: TrainerCallback = { onEpochEnd: (epoch, _logs, ctx) => void (epoch === 1 && (bestWeights = weightValues(ctx.model))) };
    const { model } = await train({ epochs: 3, callbacks: [{ type: 'model-checkpoint', dir }] }, [scripted, grab]);
    expect((await fs.readdir(dir)).sort()).toEqual(['best', 'last']); // no temp or staging folders left
    expect((await readState(path.join(dir, 'last'))).completedEpochs).toBe(3);
    const best = await readState(path.join(dir, 'best'));
    expect(best).toMatchObject({ completedEpochs: 2, globalStep: 4, history: { epoch: [0, 1] } });
    expect(best.optimizer).toMatchObject({ name: 'adam', iterations: 4, slotNames: ['m', 'v'] });
    const loaded = await loadBundle(path.join(dir, 'best'));
    expect(weightValues(loaded.model)).toEqual(bestWeights);
    loaded.model.dispose();
    model.dispose();
  });

  it('finds the previous checkpoint when a crash fell between the two renames of an atomic write', async () => {
    await train({ epochs: 1, callbacks: [{ type: 'model-checkpoint', dir, saveBest: false }] });
    await fs.rename(path.join(dir, 'last'), path.join(dir, 'last.old-123-456-abc'));
    expect(await findCheckpoint(path.join(dir, 'last'))).toBe(path.join(dir, 'last.old-123-456-abc'));
    expect(await findCheckpoint(path.join(dir, 'nowhere'))).toBeUndefined();
  });
});

describe('CsvLogger', () => {
  it('writes one row per epoch: epoch, then the logged values in name order', async () => {
    const file = path.join(dir, 'log.csv');
    const { history, model } = await train({ epochs: 2, callbacks: [{ type: 'csv-logger', path: file }] });
    const names = Object.keys(history.history).sort();
    const rows = history.epoch.map((e, i) => [String(e), ...names.map((n) => String(history.history[n][i]))].join(','));
    expect(await fs.readFile(file, 'utf8')).toBe([['epoch', ...names].join(','), ...rows].map((l) => `${l}\n`).join(''));
    model.dispose();
  });

  it('on resume keeps the rows before the checkpoint and drops later ones', async () => {
    const file = path.join(dir, 'log.csv');
    await fs.writeFile(file, 'epoch;loss\n0;3\n1;2\n2;1.5\n');
    const logger = new CsvLogger({ type: 'csv-logger', path: file, separator: ';', append: false });
    await logger.onTrainBegin(fakeContext({ initialEpoch: 2 }));
    await logger.onEpochEnd(2, { loss: 1.25, extra: 9 });
    expect(await fs.readFile(file, 'utf8')).toBe('epoch;loss\n0;3\n1;2\n2;1.25\n');
  });
});

describe('TensorBoard', () => {
  it('writes per-head scalars and the learning rate (train/, validation/) and weight histograms', async () => {
    const { history, model } = await train({ epochs: 2, callbacks: [{ type: 'tensorboard', logDir: dir }] });
    const events = async (sub: string) => {
      const [file] = await fs.readdir(path.join(dir, sub));
      return (await readEvents(path.join(dir, sub, file))).filter((e) => e.summary);
    };
    const scalars = (list: Awaited<ReturnType<typeof events>>) =>
      list.flatMap((e) => e.summary!.value.filter((v) => v.histo === undefined || v.histo === null).map((v) => [v.tag, e.step, Number(v.simpleValue?.toFixed(4))]));
    const rounded = (v: number) => Number(Math.fround(v).toFixed(4));
    const trainEvents = await events('train');
    const trainNames = Object.keys(history.history).filter((n) => !n.startsWith('val_'));
    expect(scalars(trainEvents).sort()).toEqual(history.epoch.flatMap((e, i) => trainNames.map((n) => [`epoch_${n}`, e, rounded(history.history[n][i])])).sort());
    expect(trainNames).toEqual(expect.arrayContaining(['flag_loss', 'level_loss', 'flag_accuracy', 'level_mae', 'learning_rate']));
    const validationNames = Object.keys(history.history).filter((n) => n.startsWith('val_'));
    expect(scalars(await events('validation')).sort()).toEqual(
      history.epoch.flatMap((e, i) => validationNames.map((n) => [`epoch_${n.slice(4)}`, e, rounded(history.history[n][i])])).sort(),
    );
    const histograms = trainEvents.flatMap((e) => e.summary!.value.filter((v) => v.histo).map((v) => `${v.tag}@${e.step}`));
    expect(histograms.sort()).toEqual(history.epoch.flatMap((e) => model.weights.map((w) => `${w.originalName}@${e}`)).sort());
    model.dispose();
  });
});
