import * as tf from '@tensorflow/tfjs';
import { ModelSpec } from '../../spec/model-spec';
import { Logs } from '../metrics/head-metrics';

/** What `fit` returns, as Keras's `History`: the epochs run and each logged value per epoch. */
export interface TrainingHistory {
  epoch: number[];
  history: Record<string, number[]>;
}

/** What callbacks see and may change while a run trains. */
export interface TrainingContext {
  readonly model: tf.LayersModel;
  readonly spec: ModelSpec;
  /** Epochs the run will train in total (epochs are numbered from 0). */
  readonly epochs: number;
  /** The first epoch of this call: 0, or where a resumed run picks up. */
  readonly initialEpoch: number;
  /** Batches per epoch, when known (in-memory data, or a stream that says). */
  readonly batchesPerEpoch: number | undefined;
  /** The learning rate the trainer's config starts from (schedules scale it). */
  readonly initialLearningRate: number;
  /** The optimizer's learning rate; setting it takes effect on the next update. */
  learningRate: number;
  /** Set to true to end training after the current epoch. */
  stopTraining: boolean;
  readonly history: TrainingHistory;
  /** Writes a resumable checkpoint (weights, optimizer state, epoch, RNG state, callback states) atomically. */
  saveCheckpoint(dir: string): Promise<void>;
}

/**
 * A training callback (Keras `Callback`). Every hook is optional and may be async. Epochs and batches are
 * numbered from 0; `logs` of a batch are the running losses and metrics of the epoch so far (AUC only at epoch end).
 */
export interface TrainerCallback {
  /** Callbacks run in ascending `order` (default 0); ModelCheckpoint runs last (100) so that it saves what the others decided. */
  readonly order?: number;
  /** Name of this callback's state in checkpoints; a resumed run hands the state back through `setState`. */
  readonly stateKey?: string;
  /**
   * Runs on rank 0 only in data-parallel training: it writes files or prints (checkpoints, logs, progress) and
   * changes nothing the ranks must agree on.
   */
  readonly rankZeroOnly?: boolean;
  getState?(): unknown;
  setState?(state: unknown): void;
  onTrainBegin?(ctx: TrainingContext): void | Promise<void>;
  onEpochBegin?(epoch: number, ctx: TrainingContext): void | Promise<void>;
  onBatchBegin?(batch: number, ctx: TrainingContext): void | Promise<void>;
  onBatchEnd?(batch: number, logs: Logs, ctx: TrainingContext): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: Logs, ctx: TrainingContext): void | Promise<void>;
  onTrainEnd?(history: TrainingHistory, ctx: TrainingContext): void | Promise<void>;
}
