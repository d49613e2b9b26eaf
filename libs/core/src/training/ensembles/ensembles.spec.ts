import * as tf from '@tensorflow/tfjs';
import { dataTensors } from '../data/training-data';
import { tinyData, tinySpec } from '../testing/training-fixtures';
import { bootstrapIndices, trainBagging } from './bagging';
import { memberPredictions } from './ensemble';
import { foldIndices, metaSpec, STACKED_INPUT, trainStacking } from './stacking';

const trainer = { epochs: 3, batchSize: 8, optimizer: { type: 'adam' as const, learningRate: 0.02 } };

describe('ensembles', () => {
  it('draws bootstrap samples and folds from the seed', () => {
    const sample = bootstrapIndices(20, 3);
    expect(sample).toEqual(bootstrapIndices(20, 3));
    expect(new Set(sample).size).toBeLessThan(20); // with replacement: some examples repeat
    const folds = foldIndices(10, 3, 1);
    expect(folds.map((f) => f.length)).toEqual([3, 3, 4]);
    expect(folds.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => foldIndices(10, 1, 1)).toThrow('stacking: folds must be an integer in [2, 10]. Received: 1');
  });

  it('bagging averages members trained on bootstrap samples and reports each member and the ensemble', async () => {
    const data = tinyData(48);
    const test = tinyData(24, 9);
    const { ensemble, histories, report } = await trainBagging(tinySpec, data, { members: 3, trainer, evaluationData: test });
    expect(histories).toHaveLength(3);
    expect(report!.members).toHaveLength(3);
    expect(Object.keys(report!.ensemble).sort()).toEqual(['flag_accuracy', 'flag_loss', 'level_loss', 'level_mae', 'loss']);
    // Members differ (own samples, own initial weights) …
    expect(new Set(report!.members.map((m) => m.loss)).size).toBe(3);
    // … the ensemble is their mean, so (losses being convex) it is no worse than the members' average.
    const mean = (key: string) => report!.members.reduce((s, m) => s + m[key], 0) / 3;
    expect(report!.ensemble.level_loss).toBeLessThanOrEqual(mean('level_loss'));
    expect(report!.ensemble.flag_loss).toBeLessThanOrEqual(mean('flag_loss'));
    tf.tidy(() => {
      const members = memberPredictions(ensemble.members, test.xs);
      const averaged = ensemble.predict(test.xs);
      const expected = tf.div(tf.addN(members.map((m) => m.level)), 3);
      expect(tf.max(tf.abs(tf.sub(averaged.level, expected))).dataSync()[0]).toBeLessThan(1e-6);
    });
    ensemble.dispose();
    tf.dispose([...dataTensors(data), ...dataTensors(test)]);
  });

  it('stacking trains a meta-model on out-of-fold predictions of the members', async () => {
    const data = tinyData(36);
    const test = tinyData(24, 9);
    const meta = metaSpec(tinySpec, 2, 1);
    expect(meta.inputs[STACKED_INPUT]).toMatchObject({ kind: 'numeric', size: 4 });
    expect(meta.heads.flag).toMatchObject({ type: 'binary', units: [] });
    const { ensemble, histories, report } = await trainStacking(tinySpec, data, { members: 2, folds: 3, trainer, evaluationData: test });
    expect(histories).toHaveLength(3); // two final members, then the meta-model
    expect(ensemble.meta.inputNames).toEqual([STACKED_INPUT]);
    expect(report!.members).toHaveLength(2);
    expect(Number.isFinite(report!.ensemble.loss)).toBe(true);
    const predictions = ensemble.predict(test.xs);
    expect(predictions.flag.shape).toEqual([24, 1]);
    tf.dispose(Object.values(predictions));
    ensemble.dispose();
    await expect(trainStacking(tinySpec, data, { members: [{ ...tinySpec, heads: { flag: tinySpec.heads.flag } }] })).rejects.toThrow(
      "stacking: member 0 ('tiny') must have the inputs (a,b) and heads (flag,level) of 'tiny'",
    );
    tf.dispose([...dataTensors(data), ...dataTensors(test)]);
  });
});
