import * as tf from '@tensorflow/tfjs';
import { ModelSpec, ModelSpecInput, parseModelSpec } from '../../spec/model-spec';
import { TensorMap } from '../../synthetic/random-examples';
import { createCallback } from '../callbacks';
import { TrainerCallback, TrainingContext, TrainingHistory } from '../callbacks/trainer-callback';
import { readCheckpoint, writeCheckpoint } from '../checkpoint/checkpoint';
import { checkTrainingData, DataShapeError } from '../data/check-data';
import { batchCount, epochBatches, Shard } from '../data/epoch-batches';
import { averageGradients, averageLogs, broadcastWeights, checkSameProgress } from '../distributed/collectives';
import { DataParallelGroup } from '../distributed/data-parallel-group';
import { deriveSeed } from '../random/derive-seed';
import { splitValidation } from '../data/subset-data';
import { dataTensors, isStreaming, TrainingData, TrainingInput } from '../data/training-data';
import { checkClassWeights, resolveClassWeights } from '../losses/class-weights';
import { HeadMetrics, Logs } from '../metrics/head-metrics';
import { createTrainingOptimizer, TrainingOptimizer, TrainingOptimizerConfig, TrainingOptimizerConfigSchema } from '../optimizers';
import { DropoutSeeds } from './dropout-seeds';
import { evaluateModel } from './evaluate';
import { RunningLosses } from './running-losses';
import { augmentImageInputs } from './augment-batch';
import { ReplayedTrainingStep } from './replayed-step';
import { applyModel, ComputedStep } from './train-step';
import { parseTrainerConfig, TrainerConfig, TrainerConfigInput } from './trainer-config';
import { nonFiniteLossError } from './training-error';

export interface FitOptions {
  /** Held-out data evaluated after every epoch (logged with a `val_` prefix). Not with `validationSplit`. */
  validationData?: TrainingInput;
  /** Callback objects, run after (by `order`, then position) the config's built-in callbacks. */
  callbacks?: TrainerCallback[];
  /** A checkpoint folder (`…/last` of a ModelCheckpoint) to continue from: weights, optimizer, epoch, RNG, callbacks. */
  resumeFrom?: string;
  /**
   * Train data-parallel with the other ranks of this group (docs/distributed.md): rank 0's weights are broadcast
   * first; each epoch every rank takes its shard of the same shuffled order; gradients are averaged over ranks
   * before clipping and the update, so every replica applies the same step; logs are averaged over ranks; only
   * rank 0 runs the callbacks that write files or print (`rankZeroOnly`). A group of one trains as without it.
   */
  dataParallel?: DataParallelGroup;
}

/**
 * The Keras-style trainer of a Mimo model: a custom train step that minimises `Σ lossWeight · head loss` (with
 * sample and class weights, gradient clipping and seeded dropout), per-head metrics, validation, callbacks,
 * checkpoints that resume exactly, and clear failures.
 *
 * ```ts
 * const trainer = new Trainer(buildModel(spec), spec, { epochs: 20, batchSize: 32, validationSplit: 0.2 });
 * const { history } = await trainer.fit({ xs, ys });
 * ```
 */
export class Trainer {
  readonly spec: ModelSpec;
  readonly config: TrainerConfig;
  readonly optimizerConfig: TrainingOptimizerConfig;
  private optimizer: TrainingOptimizer;
  private runSeed: number;
  private globalStep = 0;
  private completedEpochs = 0;
  private history: TrainingHistory = { epoch: [], history: {} };
  private activeCallbacks: TrainerCallback[] = [];
  private group: DataParallelGroup | undefined;

  constructor(
    readonly model: tf.LayersModel,
    spec: ModelSpec | ModelSpecInput,
    config: TrainerConfigInput = {},
  ) {
    this.spec = parseModelSpec(spec);
    this.config = parseTrainerConfig(config);
    const inputs = Object.keys(this.spec.inputs).join(', ');
    const heads = Object.keys(this.spec.heads).join(', ');
    if (model.inputNames.join(', ') !== inputs || model.outputNames.join(', ') !== heads) {
      throw new Error(
        `the model (inputs ${model.inputNames.join(', ')}; outputs ${model.outputNames.join(', ')}) does not match spec '${this.spec.name}' (inputs ${inputs}; heads ${heads})`,
      );
    }
    new HeadMetrics(this.spec, this.config.metrics); // fails early on a metric that does not fit its head
    checkClassWeights(this.spec, this.config.classWeights);
    this.optimizerConfig = this.config.optimizer ?? TrainingOptimizerConfigSchema.parse(this.spec.optimizer);
    this.optimizer = createTrainingOptimizer(this.optimizerConfig);
    this.runSeed = this.config.seed ?? this.spec.seed ?? Math.floor(Math.random() * 2 ** 31);
  }

  /** The seed of this run's random choices (restored from a checkpoint on resume). */
  get seed(): number {
    return this.runSeed;
  }

  get learningRate(): number {
    return this.optimizer.learningRate;
  }

  set learningRate(rate: number) {
    this.optimizer.learningRate = rate;
  }

  /** Optimizer steps taken so far. */
  get steps(): number {
    return this.globalStep;
  }

  /** Trains; returns the epochs run and every logged value per epoch (Keras `History`). */
  async fit(data: TrainingInput, options: FitOptions = {}): Promise<TrainingHistory> {
    const owned: TrainingData[] = [];
    this.group = options.dataParallel && options.dataParallel.worldSize > 1 ? options.dataParallel : undefined;
    try {
      if (this.group && (isStreaming(data) || (options.validationData && isStreaming(options.validationData)))) {
        throw new Error('data-parallel training needs in-memory data: every rank shards the same examples (a stream would have to be sharded at its source)');
      }
      const { train, validation } = this.prepareData(data, options.validationData, owned);
      const classWeights = this.resolveClassWeights(train);
      const callbacks = [...this.config.callbacks.map(createCallback), ...(options.callbacks ?? [])]
        .map((callback, position) => ({ callback, position }))
        .sort((a, b) => (a.callback.order ?? 0) - (b.callback.order ?? 0) || a.position - b.position)
        .map(({ callback }) => callback);
      this.activeCallbacks = callbacks;
      const variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
      this.prepareOptimizer(variables);
      this.completedEpochs = 0;
      this.history = { epoch: [], history: {} };
      if (options.resumeFrom) await this.restore(options.resumeFrom, variables);
      if (this.group) {
        await checkSameProgress(this.group, this.completedEpochs, this.globalStep);
        await broadcastWeights(this.group, this.model);
      }
      const ctx = this.context(batchCount(train, this.config.batchSize, this.shard), this.completedEpochs);
      await this.run(ctx, train, validation, variables, classWeights);
      return this.historyCopy();
    } finally {
      this.activeCallbacks = [];
      this.group = undefined;
      owned.forEach((d) => tf.dispose(dataTensors(d)));
    }
  }

  /** Losses and metrics on data in inference mode (`loss`, `<head>_loss`, `<head>_<metric>`). */
  evaluate(data: TrainingInput, batchSize = this.config.validationBatchSize ?? this.config.batchSize): Promise<Logs> {
    return evaluateModel(this.model, this.spec, data, { batchSize, metrics: this.config.metrics });
  }

  /** Predictions by head name, in inference mode; the caller disposes them. */
  predict(xs: TensorMap): TensorMap {
    return tf.tidy(() => applyModel(this.model, xs, false));
  }

  /** Writes a resumable checkpoint of the run as it stands (what ModelCheckpoint calls); only rank 0 of a data-parallel run writes. */
  async saveCheckpoint(dir: string): Promise<void> {
    if (this.group && this.group.rank !== 0) return;
    const callbacks: Record<string, unknown> = {};
    this.activeCallbacks.forEach((callback, position) => {
      if (callback.stateKey && callback.getState) callbacks[`${position}:${callback.stateKey}`] = callback.getState();
    });
    await writeCheckpoint(dir, {
      model: this.model,
      spec: this.spec,
      state: { completedEpochs: this.completedEpochs, globalStep: this.globalStep, seed: this.runSeed, history: this.historyCopy(), callbacks },
      optimizer: this.optimizer.getState(),
      variables: this.model.trainableWeights.map((w) => w.read() as tf.Variable),
    });
  }

  /** Frees the optimizer's state (the model stays the caller's). */
  dispose(): void {
    this.optimizer.dispose();
  }

  private prepareData(data: TrainingInput, validationData: TrainingInput | undefined, owned: TrainingData[]): { train: TrainingInput; validation?: TrainingInput } {
    if (validationData && !isStreaming(validationData)) {
      try {
        checkTrainingData(this.spec, validationData);
      } catch (error) {
        throw error instanceof DataShapeError ? new DataShapeError(`validationData: ${error.message}`) : error;
      }
    }
    if (isStreaming(data)) {
      if (this.config.validationSplit > 0) throw new Error('validationSplit needs in-memory data; give a stream as validationData instead');
      return { train: data, validation: validationData };
    }
    const examples = checkTrainingData(this.spec, data);
    if (this.config.validationSplit === 0) return { train: data, validation: validationData };
    if (validationData) throw new Error('give validationData or validationSplit, not both');
    const split = splitValidation(data, examples, this.config.validationSplit);
    owned.push(split.train, split.validation);
    return split;
  }

  private resolveClassWeights(train: TrainingInput): Record<string, number[]> {
    const resolved: Record<string, number[]> = {};
    for (const [head, weights] of Object.entries(this.config.classWeights)) {
      if (weights === 'balanced' && isStreaming(train)) throw new Error(`classWeights.${head}: 'balanced' needs in-memory data to count classes; give the weights`);
      resolved[head] = isStreaming(train) ? (weights as number[]) : resolveClassWeights(weights, train.ys[head]);
    }
    return resolved;
  }

  /** Layers were frozen or unfrozen since the last fit: start the optimizer afresh (Keras needs a recompile here). */
  private prepareOptimizer(variables: tf.Variable[]): void {
    const held = this.optimizer.getState().slots;
    if (held.length === 0 || (held.length === variables.length && held.every((s, i) => s.length === 0 || tf.util.arraysEqual(s[0].shape, variables[i].shape)))) return;
    const rate = this.optimizer.learningRate;
    this.optimizer.dispose();
    this.optimizer = createTrainingOptimizer(this.optimizerConfig);
    this.optimizer.learningRate = rate;
  }

  private async restore(dir: string, variables: tf.Variable[]): Promise<void> {
    const checkpoint = await readCheckpoint(dir);
    try {
      const saved = checkpoint.bundle.model.weights;
      const own = this.model.weights;
      const mismatch = own.length !== saved.length ? -2 : own.findIndex((w, i) => w.shape.join() !== saved[i].shape.join());
      if (mismatch !== -1 || checkpoint.state.optimizer.variables.length !== variables.length) {
        const where =
          mismatch >= 0
            ? `: weight '${own[mismatch].originalName}' is [${own[mismatch].shape}] here and [${saved[mismatch].shape}] there`
            : mismatch === -2
              ? `: ${own.length} weights here, ${saved.length} there`
              : '';
        throw new Error(`checkpoint ${dir} does not fit this model${where}`);
      }
      this.model.setWeights(checkpoint.bundle.model.getWeights());
      this.optimizer.setState(checkpoint.optimizer);
      const { state } = checkpoint;
      this.completedEpochs = state.completedEpochs;
      this.globalStep = state.globalStep;
      this.runSeed = state.seed;
      this.history = JSON.parse(JSON.stringify(state.history)) as TrainingHistory;
      this.activeCallbacks.forEach((callback, position) => {
        const key = `${position}:${callback.stateKey}`;
        if (callback.stateKey && callback.setState && key in state.callbacks) callback.setState(state.callbacks[key]);
      });
    } finally {
      checkpoint.bundle.model.dispose();
      tf.dispose(checkpoint.optimizer.slots.flat());
    }
  }

  private context(batchesPerEpoch: number | undefined, initialEpoch: number): TrainingContext {
    const trainer = this;
    return {
      model: this.model,
      spec: this.spec,
      epochs: this.config.epochs,
      initialEpoch,
      batchesPerEpoch,
      initialLearningRate: this.optimizerConfig.learningRate,
      get learningRate() {
        return trainer.learningRate;
      },
      set learningRate(rate: number) {
        trainer.learningRate = rate;
      },
      stopTraining: false,
      history: this.history,
      saveCheckpoint: (dir) => this.saveCheckpoint(dir),
    };
  }

  /** This rank's part of each epoch, in a data-parallel run. */
  private get shard(): Shard | undefined {
    return this.group && { rank: this.group.rank, worldSize: this.group.worldSize };
  }

  /** The seed of dropout masks and augmentation: each rank draws its own for its own examples. */
  private get stepSeed(): number {
    return this.group ? deriveSeed(this.runSeed, 'rank', this.group.rank) : this.runSeed;
  }

  private async run(ctx: TrainingContext, train: TrainingInput, validation: TrainingInput | undefined, variables: tf.Variable[], classWeights: Record<string, number[]>): Promise<void> {
    const writer = !this.group || this.group.rank === 0;
    const callbacks = this.activeCallbacks.filter((c) => writer || !c.rankZeroOnly);
    const dropout = new DropoutSeeds(this.model);
    const steps = new ReplayedTrainingStep(this.model, this.spec, variables, classWeights, this.optimizer, this.optimizerConfig);
    try {
      for (const c of callbacks) await c.onTrainBegin?.(ctx);
      for (let epoch = this.completedEpochs; epoch < this.config.epochs && !ctx.stopTraining; epoch++) {
        for (const c of callbacks) await c.onEpochBegin?.(epoch, ctx);
        const losses = new RunningLosses();
        const metrics = new HeadMetrics(this.spec, this.config.metrics);
        let batch = 0;
        const order = { batchSize: this.config.batchSize, shuffle: this.config.shuffle, seed: this.runSeed, shard: this.shard };
        for await (const examples of epochBatches(this.spec, train, epoch, order)) {
          try {
            for (const c of callbacks) await c.onBatchBegin?.(batch, ctx);
            dropout.forStep(this.stepSeed, this.globalStep);
            await this.step(examples, steps, losses, metrics, { epoch, batch, batches: ctx.batchesPerEpoch });
          } finally {
            tf.dispose(dataTensors(examples));
          }
          const batchLogs = callbacks.some((c) => c.onBatchEnd) ? { ...losses.results(), ...metrics.results(true) } : {};
          for (const c of callbacks) await c.onBatchEnd?.(batch, batchLogs, ctx);
          batch += 1;
        }
        let logs: Logs = { ...losses.results(), ...metrics.results() };
        if (this.group) logs = await averageLogs(this.group, logs, losses.count);
        if (validation) {
          let validationLogs = await this.evaluate(validation);
          if (this.group) validationLogs = await averageLogs(this.group, validationLogs, 1);
          for (const [name, value] of Object.entries(validationLogs)) logs[`val_${name}`] = value;
        }
        logs.learning_rate = this.learningRate;
        this.record(epoch, logs);
        for (const c of callbacks) await c.onEpochEnd?.(epoch, logs, ctx);
      }
      for (const c of callbacks) await c.onTrainEnd?.(this.history, ctx);
    } finally {
      dropout.restore();
      steps.dispose();
    }
  }

  private async step(
    batch: TrainingData,
    steps: ReplayedTrainingStep,
    losses: RunningLosses,
    metrics: HeadMetrics,
    where: { epoch: number; batch: number; batches?: number },
  ): Promise<void> {
    const augmented = this.config.augmentation
      ? augmentImageInputs(this.spec, batch, this.config.augmentation, this.stepSeed, this.globalStep)
      : { batch, created: [] };
    let step: ComputedStep;
    try {
      step = steps.compute(augmented.batch);
    } finally {
      tf.dispose(augmented.created);
    }
    try {
      const finite = Number.isFinite(step.loss) && Object.values(step.headLosses).every(Number.isFinite);
      if (this.group) await this.averageStep(step, !finite, where);
      if (!finite) throw nonFiniteLossError({ ...where, epochs: this.config.epochs }, step.loss, step.headLosses);
      steps.apply(step.gradients);
      this.globalStep += 1;
      losses.add(Object.values(batch.xs)[0].shape[0], step.loss, step.headLosses);
      await metrics.update(batch.ys, step.predictions);
    } finally {
      tf.dispose([...Object.values(step.predictions), ...step.gradients.filter((g): g is tf.Tensor => g !== null)]);
    }
  }

  /** Replaces the step's gradients by their mean over ranks; when another rank's step failed, every rank stops here. */
  private async averageStep(step: ComputedStep, failed: boolean, where: { epoch: number; batch: number }): Promise<void> {
    const group = this.group as DataParallelGroup;
    const averaged = await averageGradients(group, step.gradients, failed);
    tf.dispose(step.gradients.filter((g): g is tf.Tensor => g !== null));
    step.gradients = averaged.gradients;
    const others = averaged.failedRanks.filter((rank) => rank !== group.rank);
    if (!failed && others.length > 0) {
      throw new Error(`data-parallel training stopped at epoch ${where.epoch + 1}, batch ${where.batch + 1}: rank ${others.join(', ')} reported a non-finite loss (its output says more)`);
    }
  }

  private record(epoch: number, logs: Logs): void {
    this.completedEpochs = epoch + 1;
    this.history.epoch.push(epoch);
    for (const [name, value] of Object.entries(logs)) (this.history.history[name] ??= []).push(value);
  }

  private historyCopy(): TrainingHistory {
    return { epoch: [...this.history.epoch], history: Object.fromEntries(Object.entries(this.history.history).map(([k, v]) => [k, [...v]])) };
  }
}
