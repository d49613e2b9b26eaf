import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../model/build-model';
import { ModelSpecInput, parseModelSpec } from '../../spec/model-spec';
import { SeededRandom } from '../../random/seeded-random';
import { randomInputs, randomTargets } from '../../synthetic/random-examples';
import { TrainerCallback } from '../callbacks/trainer-callback';
import { dataTensors, StreamingData, TrainingData } from '../data/training-data';
import { tinyData, tinySpec, weightValues } from '../testing/training-fixtures';
import { Trainer } from './trainer';
import { TrainerConfigInput } from './trainer-config';
import { TrainingError } from './training-error';

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  disposables.splice(0).forEach((d) => d.dispose());
});

function track<T extends { dispose(): void }>(thing: T): T {
  disposables.push(thing);
  return thing;
}

function trackData(data: TrainingData): TrainingData {
  disposables.push({ dispose: () => tf.dispose(dataTensors(data)) });
  return data;
}

function trainer(config: TrainerConfigInput = {}, spec: ModelSpecInput = tinySpec): Trainer {
  const model = track(buildModel(spec));
  return track(new Trainer(model, spec, config));
}

function layerWeights(model: tf.LayersModel, layer: string): number[] {
  return model.getLayer(layer).getWeights().flatMap((w) => Array.from(w.dataSync()));
}

describe('Trainer', () => {
  it('trains every head and logs Keras-style names: loss, <head>_loss, <head>_<metric>, val_…, learning_rate', async () => {
    const t = trainer({ epochs: 6, batchSize: 16, validationSplit: 0.25, optimizer: { type: 'adam', learningRate: 0.02 }, metrics: { flag: ['accuracy', 'auc'] } });
    let batchLogs: string[] = [];
    const history = await t.fit(trackData(tinyData(64)), { callbacks: [{ onBatchEnd: (_b, logs) => void (batchLogs = Object.keys(logs).sort()) }] });
    expect(history.epoch).toEqual([0, 1, 2, 3, 4, 5]);
    expect(batchLogs).toEqual(['flag_accuracy', 'flag_loss', 'level_loss', 'level_mae', 'loss']); // running values; AUC only per epoch
    expect(Object.keys(history.history).sort()).toEqual(
      ['flag_accuracy', 'flag_auc', 'flag_loss', 'learning_rate', 'level_loss', 'level_mae', 'loss']
        .flatMap((n) => (n === 'learning_rate' ? [n] : [n, `val_${n}`]))
        .sort(),
    );
    const h = history.history;
    expect(h.loss[5]).toBeLessThan(h.loss[0]);
    expect(h.val_level_loss[5]).toBeLessThan(h.val_level_loss[0]);
    h.loss.forEach((loss, i) => expect(loss).toBeCloseTo(h.flag_loss[i] + 0.5 * h.level_loss[i], 5));
    expect(h.learning_rate).toEqual([0.02, 0.02, 0.02, 0.02, 0.02, 0.02]);
  });

  it('honours loss weights: a head weighted 0 does not train its own layer', async () => {
    const spec = parseModelSpec({ ...tinySpec, heads: { ...tinySpec.heads, level: { ...tinySpec.heads.level, lossWeight: 0 } } });
    const t = trainer({ epochs: 2, batchSize: 16 }, spec);
    const level = layerWeights(t.model, 'level');
    const flag = layerWeights(t.model, 'flag');
    await t.fit(trackData(tinyData(32)));
    expect(layerWeights(t.model, 'level')).toEqual(level);
    expect(layerWeights(t.model, 'flag')).not.toEqual(flag);
  });

  it('is reproducible: the same seed, data and backend give the same metrics and weights (dropout included)', async () => {
    const run = async (seed: number) => {
      const t = trainer({ epochs: 3, batchSize: 8, seed, validationSplit: 0.25 });
      const history = await t.fit(trackData(tinyData(40)));
      return { history, weights: weightValues(t.model) };
    };
    const first = await run(7);
    const again = await run(7);
    expect(again.history).toEqual(first.history);
    expect(again.weights).toEqual(first.weights);
    expect((await run(8)).history.history.loss).not.toEqual(first.history.history.loss);
  });

  it('is reproducible with dropout on attention weights too, and each step draws a new mask', async () => {
    const spec = parseModelSpec({
      name: 'attend',
      inputs: {
        a: { kind: 'sequence', steps: 5, features: 3, encoder: { type: 'time-series', layer: 'conv1d', units: [4] } },
        b: { kind: 'sequence', steps: 4, features: 2, encoder: { type: 'time-series', layer: 'conv1d', units: [4] } },
      },
      fusion: { type: 'cross-attention', query: 'a', value: 'b', numHeads: 1, keyDim: 4, attentionDropout: 0.5 },
      heads: { y: { type: 'regression' } },
      seed: 4,
    });
    const data = trackData({ xs: randomInputs(spec, 24, 2), ys: randomTargets(spec, 24, 3) });
    const run = async (seed: number) => {
      const t = trainer({ epochs: 2, batchSize: 8, seed }, spec);
      return (await t.fit(data)).history.loss;
    };
    const first = await run(5);
    expect(await run(5)).toEqual(first);
    expect(await run(6)).not.toEqual(first);
  });

  it('weights examples: all sample weights 0 leave the weights as they were', async () => {
    const t = trainer({ epochs: 1, batchSize: 8 });
    const before = weightValues(t.model);
    const data = trackData(tinyData(16));
    await t.fit({ ...data, sampleWeights: trackTensor(tf.zeros([16])) });
    expect(weightValues(t.model).filter((_, i) => t.model.weights[i].trainable)).toEqual(before.filter((_, i) => t.model.weights[i].trainable));
  });

  it('class weights move a classifier toward the rare class (imbalanced data)', async () => {
    const rng = new SeededRandom(3);
    const rows = Array.from({ length: 200 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const spec = parseModelSpec({ name: 'rare', inputs: { x: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [4] } } }, heads: { y: { type: 'binary' } }, seed: 2 });
    const data = trackData({ xs: { x: tf.tensor2d(rows) }, ys: { y: tf.tensor2d(rows.map((r) => [r[0] > 1.2 ? 1 : 0])) } });
    const recall = async (classWeights: TrainerConfigInput['classWeights']) => {
      const t = trainer({ epochs: 5, batchSize: 32, classWeights, metrics: { y: ['recall'] }, optimizer: { type: 'adam', learningRate: 0.01 } }, spec);
      await t.fit(data);
      return (await t.evaluate(data)).y_recall;
    };
    const plain = await recall({});
    const balanced = await recall({ y: 'balanced' });
    expect(balanced).toBeGreaterThan(plain);
  });

  it('clips gradients: with clipValue no SGD step moves a weight by more than lr · clipValue', async () => {
    const t = trainer({ epochs: 1, batchSize: 64, shuffle: false, optimizer: { type: 'sgd', learningRate: 1, clipValue: 1e-3 } });
    const before = weightValues(t.model);
    await t.fit(trackData(tinyData(64)));
    const moved = weightValues(t.model).flatMap((w, i) => w.map((v, j) => Math.abs(v - before[i][j])));
    expect(Math.max(...moved)).toBeLessThanOrEqual(1e-3 + 1e-7);
    expect(Math.max(...moved)).toBeGreaterThan(0);
  });

  it('stops on a NaN loss, naming epoch, batch and head, and keeps the weights from before that batch', async () => {
    const data = trackData(tinyData(32));
    const level = data.ys.level.arraySync() as number[][];
    level[20][0] = NaN; // batch 3 of 4 (8 per batch, in order)
    const poisoned = { ...data, ys: { ...data.ys, level: trackTensor(tf.tensor2d(level)) } };
    const t = trainer({ epochs: 2, batchSize: 8, shuffle: false });
    let afterBatch2: number[][] = [];
    const keep: TrainerCallback = { onBatchEnd: (batch) => void (batch === 1 && (afterBatch2 = weightValues(t.model))) };
    const error = await t.fit(poisoned, { callbacks: [keep] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect((error as Error).message).toBe("Training stopped: the loss is NaN at epoch 1/2, batch 3/4 (head 'level': NaN). The model keeps the weights from before this batch.");
    expect(error).toMatchObject({ epoch: 0, batch: 2, head: 'level' });
    expect(weightValues(t.model)).toEqual(afterBatch2);
  });

  it('names the input, head or count that does not fit the spec', async () => {
    const t = trainer();
    const data = trackData(tinyData(8));
    const wide = trackTensor(tf.zeros([8, 4]));
    await expect(t.fit({ ...data, xs: { ...data.xs, a: wide } })).rejects.toThrow("input 'a': expected shape [any, 3], received [8, 4]");
    await expect(t.fit({ ...data, xs: { a: data.xs.a } })).rejects.toThrow("missing input 'b' (the spec's inputs: a, b)");
    await expect(t.fit({ ...data, xs: { ...data.xs, c: data.xs.a } })).rejects.toThrow("unknown input 'c' (the spec's inputs: a, b)");
    await expect(t.fit({ ...data, ys: { ...data.ys, level: trackTensor(tf.zeros([8, 2])) } })).rejects.toThrow("head 'level': expected shape [any, 1], received [8, 2]");
    await expect(t.fit({ ...data, ys: { ...data.ys, flag: trackTensor(tf.zeros([7, 1])) } })).rejects.toThrow("head 'flag' has 7 examples, but input 'a' has 8");
    await expect(t.fit(data, { validationData: { ...data, xs: { ...data.xs, a: wide } } })).rejects.toThrow("validationData: input 'a': expected shape [any, 3], received [8, 4]");
    await expect(trainer({ validationSplit: 0.5 }).fit(data, { validationData: data })).rejects.toThrow('give validationData or validationSplit, not both');
    expect(() => trainer({ metrics: { level: ['auc'] } })).toThrow("metric 'auc' does not apply to regression head 'level' (it applies to: binary, multiclass, multilabel)");
    expect(() => trainer({ epochs: 0 })).toThrow('Invalid trainer config:\n  - epochs: Too small: expected number to be >0');
  });

  it('trains from an async stream of batches and checks each batch', async () => {
    const batches = [trackData(tinyData(8, 1)), trackData(tinyData(8, 2))];
    const clone = (d: TrainingData): TrainingData => ({ xs: { a: d.xs.a.clone(), b: d.xs.b.clone() }, ys: { flag: d.ys.flag.clone(), level: d.ys.level.clone() } });
    const stream: StreamingData = {
      batchesPerEpoch: 2,
      async *batches() {
        for (const b of batches) yield clone(b);
      },
    };
    const t = trainer({ epochs: 2 });
    const before = tf.memory().numTensors;
    const history = await t.fit(stream, { validationData: stream });
    expect(history.history.val_loss).toHaveLength(2);
    // Every streamed batch was disposed: what remains are Adam's two slots per trainable weight, its update count
    // and the seed of the spec's one dropout layer.
    expect(tf.memory().numTensors - before).toBe(2 * t.model.trainableWeights.length + 2);
    const bad: StreamingData = {
      async *batches() {
        yield { xs: { a: tf.zeros([2, 3]), b: tf.zeros([2, 5]) }, ys: { flag: tf.zeros([2, 1]), level: tf.zeros([2, 1]) } };
      },
    };
    await expect(trainer().fit(bad)).rejects.toThrow("input 'b': expected shape [any, 2], received [2, 5]");
  });

  it('does not leak: the tensor count is flat across epochs', async () => {
    const counts: number[] = [];
    const t = trainer({ epochs: 5, batchSize: 8, validationSplit: 0.25, metrics: { flag: ['auc', 'f1'], level: ['r2'] }, optimizer: { type: 'rmsprop', momentum: 0.5, globalClipNorm: 1 } });
    await t.fit(trackData(tinyData(40)), { callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }] });
    expect(new Set(counts).size).toBe(1);
  });
});

function trackTensor<T extends tf.Tensor>(t: T): T {
  disposables.push(t);
  return t;
}
