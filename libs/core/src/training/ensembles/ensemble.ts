import * as tf from '@tensorflow/tfjs';
import { ModelSpec } from '../../spec/model-spec';
import { TensorMap } from '../../synthetic/random-examples';
import { TrainingInput } from '../data/training-data';
import { Logs } from '../metrics/head-metrics';
import { MetricConfig } from '../metrics/registry';
import { TrainingHistory } from '../callbacks/trainer-callback';
import { evaluateModel, evaluatePredictor } from '../trainer/evaluate';

/** How each member and the ensemble score on the same data. */
export interface EnsembleReport {
  members: Logs[];
  ensemble: Logs;
}

/** What training an ensemble returns. */
export interface TrainedEnsemble<E extends Ensemble> {
  ensemble: E;
  /** Each final member's history, in order (for stacking, the meta-model's last). */
  histories: TrainingHistory[];
  /** Present when `evaluationData` was given. */
  report?: EnsembleReport;
}

/** Several trained models of one spec's inputs and heads, combined into one prediction per head. */
export abstract class Ensemble {
  constructor(
    readonly spec: ModelSpec,
    readonly members: tf.LayersModel[],
    protected readonly metrics: Record<string, MetricConfig[]> = {},
  ) {}

  /** The combined predictions by head name (inference mode); the caller disposes them. */
  abstract predict(xs: TensorMap): TensorMap;

  /** Losses and metrics of every member and of the ensemble on `data`. */
  async evaluate(data: TrainingInput, batchSize = 32): Promise<EnsembleReport> {
    const options = { batchSize, metrics: this.metrics };
    const members: Logs[] = [];
    for (const model of this.members) members.push(await evaluateModel(model, this.spec, data, options));
    return { members, ensemble: await evaluatePredictor((xs) => this.predict(xs), this.spec, data, options) };
  }

  dispose(): void {
    this.members.forEach((m) => m.dispose());
  }
}

/** Each member's predictions by head name, in member order. */
export function memberPredictions(members: tf.LayersModel[], xs: TensorMap): TensorMap[] {
  return members.map((model) => {
    const output = model.predict(model.inputNames.map((name) => xs[name])) as tf.Tensor | tf.Tensor[];
    const outputs = Array.isArray(output) ? output : [output];
    return Object.fromEntries(model.outputNames.map((name, i) => [name, outputs[i]]));
  });
}
