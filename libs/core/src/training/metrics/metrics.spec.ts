import * as tf from '@tensorflow/tfjs';
import { HeadConfig } from '../../heads';
import { tinySpec } from '../testing/training-fixtures';
import { createMetric, HeadMetrics, MetricConfigInput, MetricConfigSchema } from '.';

const binary: HeadConfig = { type: 'binary', units: [], activation: 'relu', dropout: 0, batchNorm: false, lossWeight: 1 };
const multiclass: HeadConfig = { ...binary, type: 'multiclass', classes: 3 };
const regression: HeadConfig = { ...binary, type: 'regression', outputs: 1 };

function score(config: MetricConfigInput, head: HeadConfig, yTrue: number[], yPred: number[], units = 1, batches = 1): number {
  const metric = createMetric(MetricConfigSchema.parse(config), 'h', head);
  const size = Math.ceil(yTrue.length / units / batches) * units;
  for (let start = 0; start < yTrue.length; start += size) metric.update(yTrue.slice(start, start + size), yPred.slice(start, start + size), units);
  return metric.result();
}

describe('metrics, against hand-computed values', () => {
  const yTrue = [1, 0, 1, 0, 1];
  const yPred = [0.9, 0.6, 0.4, 0.1, 0.2]; // predicted positive: 0, 1 → tp 1, fp 1, fn 2
  const oneHot = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1]; // classes 0, 1, 2, 2
  const probs = [0.8, 0.1, 0.1, 0.2, 0.3, 0.5, 0.1, 0.2, 0.7, 0.3, 0.4, 0.3]; // argmax 0, 2, 2, 1

  it.each<[string, MetricConfigInput, HeadConfig, number[], number[], number, number]>([
    ['binary accuracy', 'accuracy', binary, yTrue, yPred, 1, 2 / 5],
    ['binary accuracy at threshold 0.15', { type: 'accuracy', threshold: 0.15 }, binary, yTrue, yPred, 1, 4 / 5],
    ['multiclass accuracy (argmax)', 'accuracy', multiclass, oneHot, probs, 3, 2 / 4],
    ['precision', 'precision', binary, yTrue, yPred, 1, 1 / 2],
    ['recall', 'recall', binary, yTrue, yPred, 1, 1 / 3],
    ['f1', 'f1', binary, yTrue, yPred, 1, 0.4],
    ['multiclass macro precision', 'precision', multiclass, oneHot, probs, 3, (1 + 0 + 0.5) / 3],
    ['multiclass micro recall', { type: 'recall', average: 'micro' }, multiclass, oneHot, probs, 3, 2 / 4],
    ['auc (sklearn example)', 'auc', binary, [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 1, 0.75],
    ['auc with every score tied', 'auc', binary, [0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], 1, 0.5],
    ['mae', 'mae', regression, [1, 2, 3, 4], [1, 2, 3, 5], 1, 0.25],
    ['mse', 'mse', regression, [1, 2, 3, 4], [1, 2, 3, 5], 1, 0.25],
    ['rmse', 'rmse', regression, [1, 2, 3, 4], [1, 2, 3, 5], 1, 0.5],
    ['r2', 'r2', regression, [1, 2, 3, 4], [1, 2, 3, 5], 1, 1 - 1 / 5],
  ])('%s', (_name, config, head, truth, predicted, units, expected) => {
    expect(score(config, head, truth, predicted, units)).toBeCloseTo(expected, 10);
    // Streaming over two batches gives the same value as all at once.
    expect(score(config, head, truth, predicted, units, 2)).toBeCloseTo(expected, 10);
  });

  it('says when a metric does not fit a head, or a head does not exist', () => {
    expect(() => createMetric({ type: 'auc' }, 'level', regression)).toThrow("metric 'auc' does not apply to regression head 'level' (it applies to: binary, multiclass, multilabel)");
    expect(() => new HeadMetrics(tinySpec, { nope: [] })).toThrow("metrics names head 'nope', which the spec does not have (heads: flag, level)");
    expect(() => new HeadMetrics(tinySpec, { flag: [{ type: 'auc' }, { type: 'auc' }] })).toThrow("metric 'auc' appears twice for head 'flag'; give one of them a distinct `name`");
  });

  it('names every metric after its head, with defaults for heads left out', async () => {
    const metrics = new HeadMetrics(tinySpec, { flag: [{ type: 'auc' }, { type: 'precision', threshold: 0.3, name: 'precision_at_30' }] });
    expect(metrics.names).toEqual(['flag_auc', 'flag_precision_at_30', 'level_mae']);
    const ys = { flag: tf.tensor2d([[1], [0]]), level: tf.tensor2d([[1], [2]]) };
    const preds = { flag: tf.tensor2d([[0.9], [0.2]]), level: tf.tensor2d([[1.5], [2]]) };
    await metrics.update(ys, preds);
    expect(metrics.results()).toEqual({ flag_auc: 1, flag_precision_at_30: 1, level_mae: 0.25 });
    tf.dispose([...Object.values(ys), ...Object.values(preds)]);
  });
});
