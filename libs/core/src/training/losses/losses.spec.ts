import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../model/build-model';
import { weightedHeadLosses } from '../../model/compile-model';
import { parseModelSpec } from '../../spec/model-spec';
import { dataTensors } from '../data/training-data';
import { tinyData, tinySpec } from '../testing/training-fixtures';
import { evaluateModel } from '../trainer/evaluate';
import { checkClassWeights, classWeightPerExample, resolveClassWeights } from './class-weights';
import { headLosses } from './head-losses';

const values = (t: tf.Tensor) => Array.from(t.dataSync()).map((v) => Number(v.toFixed(5)));
const rounded = (v: number) => Number(v.toFixed(5));

describe('head losses', () => {
  it("total = Σ lossWeight · head loss, the same number as compileModel's weighted losses", async () => {
    const data = tinyData(20);
    const model = buildModel(tinySpec);
    const ours = await evaluateModel(model, tinySpec, data, { batchSize: 20 });
    const compiled = tf.tidy(() => {
      const predictions = model.predict([data.xs.a, data.xs.b]) as tf.Tensor[];
      const losses = weightedHeadLosses(tinySpec);
      return tf.add(tf.mean(losses.flag(data.ys.flag, predictions[0])), tf.mean(losses.level(data.ys.level, predictions[1]))).dataSync()[0];
    });
    expect(ours.loss).toBeCloseTo(ours.flag_loss + 0.5 * ours.level_loss, 6);
    expect(ours.loss).toBeCloseTo(compiled, 6);
    tf.dispose(dataTensors(data));
    model.dispose();
  });

  it('weights each example by its sample weight and its class weight, then averages over the batch', () => {
    tf.tidy(() => {
      const spec = parseModelSpec({ name: 'w', inputs: { x: { kind: 'numeric', size: 1, encoder: { type: 'dense', units: [] } } }, heads: { y: { type: 'regression' } } });
      const yTrue = { y: tf.tensor2d([[0], [0], [0]]) };
      const yPred = { y: tf.tensor2d([[1], [2], [3]]) }; // squared errors 1, 4, 9
      expect(values(headLosses(spec, yTrue, yPred).total)).toEqual([rounded(14 / 3)]);
      expect(values(headLosses(spec, yTrue, yPred, tf.tensor1d([1, 0, 2])).total)).toEqual([rounded(19 / 3)]);
      expect(values(headLosses(spec, yTrue, yPred, { y: tf.tensor1d([0, 0, 1]) }).perHead.y)).toEqual([3]);
    });
  });

  it('turns class weights into per-example weights', () => {
    tf.tidy(() => {
      expect(values(classWeightPerExample(tf.tensor2d([[1], [0], [1]]), [0.5, 3]))).toEqual([3, 0.5, 3]);
      expect(values(classWeightPerExample(tf.tensor2d([[0, 1, 0], [0, 0, 1]]), [1, 2, 4]))).toEqual([2, 4]);
      expect(resolveClassWeights('balanced', tf.tensor2d([[1], [0], [0], [0]]))).toEqual([4 / 6, 2]);
      expect(resolveClassWeights([1, 9], tf.tensor2d([[1]]))).toEqual([1, 9]);
    });
  });

  it('checks class weights against the heads', () => {
    expect(() => checkClassWeights(tinySpec, { level: [1, 2] })).toThrow("classWeights: head 'level' is regression; class weights apply to binary and multiclass heads");
    expect(() => checkClassWeights(tinySpec, { flag: [1, 2, 3] })).toThrow('classWeights.flag: expected 2 weights (one per class), received 3');
    expect(() => checkClassWeights(tinySpec, { nope: 'balanced' })).toThrow("classWeights names head 'nope', which the spec does not have (heads: flag, level)");
  });
});
