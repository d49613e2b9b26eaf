import * as tf from '@tensorflow/tfjs';
import { replayable, ReplayableStep, ReplayStatus } from '@mimo/kernels';
import { ModelSpec } from '../../spec/model-spec';
import { TrainingData } from '../data/training-data';
import { clipGradients } from '../optimizers/gradient-clipping';
import { GradientClipping } from '../optimizers/optimizer-fields';
import { TrainingOptimizer } from '../optimizers/training-optimizer';
import { ComputedStep, readStep, StepTensors, stepTensors } from './train-step';

type NamedTensors = Record<string, tf.Tensor>;

/** Where each tensor of a flattened batch goes: `xs`, `ys` or `sampleWeights` (`''`: one tensor for every head). */
type BatchLayout = Array<['xs' | 'ys' | 'sampleWeights', string]>;

function layoutOf(batch: TrainingData): BatchLayout {
  const layout: BatchLayout = [...Object.keys(batch.xs).map((name): BatchLayout[0] => ['xs', name]), ...Object.keys(batch.ys).map((name): BatchLayout[0] => ['ys', name])];
  const weights = batch.sampleWeights;
  if (weights instanceof tf.Tensor) layout.push(['sampleWeights', '']);
  else if (weights !== undefined) layout.push(...Object.keys(weights).map((name): BatchLayout[0] => ['sampleWeights', name]));
  return layout;
}

function tensorsOf(batch: TrainingData, layout: BatchLayout): tf.Tensor[] {
  return layout.map(([part, name]) => (part === 'sampleWeights' && name === '' ? (batch.sampleWeights as tf.Tensor) : (batch[part] as NamedTensors)[name]));
}

function batchOf(tensors: tf.Tensor[], layout: BatchLayout): TrainingData {
  const batch: TrainingData = { xs: {}, ys: {} };
  layout.forEach(([part, name], i) => {
    if (part === 'sampleWeights' && name === '') batch.sampleWeights = tensors[i];
    else ((batch[part] ??= {}) as NamedTensors)[name] = tensors[i];
  });
  return batch;
}

/**
 * The Trainer's step as two replayable parts (`replayable`, @mimo/kernels): the forward pass, losses and
 * gradients; then gradient clipping and the optimizer's update. On a backend that records steps
 * (@mimo/backend-torch) each part runs as one native call once recorded, with the numbers of the plain step;
 * elsewhere, and for steps that cannot replay (e.g. dropout or augmentation drawing random numbers in JavaScript,
 * different every step), both run as plain tfjs. Between the parts the losses are read back, so that a
 * non-finite loss stops training before the update, and a data-parallel run averages the gradients.
 */
export class ReplayedTrainingStep {
  private readonly gradientSteps = new Map<string, ReplayableStep<tf.Tensor[], NamedTensors>>();
  private readonly updates = new Map<string, ReplayableStep<tf.Tensor[], void>>();

  constructor(
    private readonly model: tf.LayersModel,
    private readonly spec: ModelSpec,
    private readonly variables: tf.Variable[],
    private readonly classWeights: Record<string, number[]>,
    private readonly optimizer: TrainingOptimizer,
    private readonly clipping: GradientClipping,
  ) {}

  /** Forward, losses (read back) and gradients on `batch`; nothing applied. The caller disposes predictions and gradients. */
  compute(batch: TrainingData): ComputedStep {
    const layout = layoutOf(batch);
    const key = JSON.stringify(layout);
    let step = this.gradientSteps.get(key);
    if (step === undefined) {
      step = replayable((...tensors: tf.Tensor[]) => namedStep(stepTensors(this.model, this.spec, this.variables, batchOf(tensors, layout), this.classWeights)));
      this.gradientSteps.set(key, step);
    }
    return readStep(unnamedStep(step(...tensorsOf(batch, layout)), this.variables.length));
  }

  /** Clips `gradients` and applies them (a null one leaves its variable alone). */
  apply(gradients: (tf.Tensor | null)[]): void {
    const present = gradients.map((g) => g !== null);
    const key = present.map(Number).join('');
    let update = this.updates.get(key);
    if (update === undefined) {
      update = replayable((...given: tf.Tensor[]) => {
        let next = 0;
        const all = present.map((has) => (has ? given[next++] : null));
        this.optimizer.applyGradients(this.variables, clipGradients(all, this.clipping));
      });
      this.updates.set(key, update);
    }
    update(...gradients.filter((g): g is tf.Tensor => g !== null));
  }

  /** How the latest gradient step ran (for progress output and tests). */
  get status(): ReplayStatus | undefined {
    return [...this.gradientSteps.values()].at(-1)?.status;
  }

  dispose(): void {
    [...this.gradientSteps.values(), ...this.updates.values()].forEach((step) => step.dispose());
    this.gradientSteps.clear();
    this.updates.clear();
  }
}

/** A step's tensors under fixed names (a replayable step returns tensors by name); null gradients left out. */
function namedStep(step: StepTensors): NamedTensors {
  const named: NamedTensors = { total: step.total };
  for (const [name, t] of Object.entries(step.perHead)) named[`head/${name}`] = t;
  for (const [name, t] of Object.entries(step.predictions)) named[`prediction/${name}`] = t;
  step.gradients.forEach((g, i) => {
    if (g !== null) named[`gradient/${i}`] = g;
  });
  return named;
}

function unnamedStep(named: NamedTensors, variables: number): StepTensors {
  const step: StepTensors = { total: named.total as tf.Scalar, perHead: {}, predictions: {}, gradients: Array.from({ length: variables }, () => null) };
  for (const [key, t] of Object.entries(named)) {
    const [kind, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    if (kind === 'head') step.perHead[name] = t as tf.Scalar;
    else if (kind === 'prediction') step.predictions[name] = t;
    else if (kind === 'gradient') step.gradients[Number(name)] = t;
  }
  return step;
}
