import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { Logs } from '../metrics/head-metrics';
import { Monitor, MonitorFields } from './monitor';
import { TrainerCallback, TrainingContext } from './trainer-callback';

export const EarlyStoppingConfigSchema = z
  .object({
    type: z.literal('early-stopping').describe('Stop when a monitored value stops improving.'),
    ...MonitorFields,
    patience: z.number().int().nonnegative().default(0).describe('Epochs without improvement before stopping. Defaults to 0.'),
    restoreBestWeights: z.boolean().default(false).describe('At the end, put back the weights of the best epoch. Defaults to false.'),
    baseline: z.number().optional().describe('A value the monitor must beat; until it does, epochs count as not improving. Defaults to unset.'),
    startFromEpoch: z.number().int().nonnegative().default(0).describe('Epochs of warm-up during which nothing counts. Defaults to 0.'),
  })
  .describe('EarlyStopping (Keras semantics).');

export type EarlyStoppingConfig = z.infer<typeof EarlyStoppingConfigSchema>;

interface EarlyStoppingState {
  best?: number;
  bestEpoch: number;
  wait: number;
  stoppedEpoch?: number;
}

/**
 * Stops training when `monitor` has not improved for `patience` epochs. With `restoreBestWeights`, the weights
 * of the best epoch go back into the model when training ends (stopped or not), as Keras 3 does.
 * A resumed run restores best value and wait count; the best weights live only in memory (keep a ModelCheckpoint
 * with `saveBest` for them across restarts).
 */
export class EarlyStopping implements TrainerCallback {
  readonly stateKey = 'early-stopping';
  private readonly monitor: Monitor;
  private state: EarlyStoppingState = { bestEpoch: -1, wait: 0 };
  private bestWeights: tf.Tensor[] | undefined;

  constructor(private readonly config: EarlyStoppingConfig) {
    this.monitor = new Monitor(config.monitor, config.mode, config.minDelta, 'EarlyStopping');
  }

  /** The epoch training stopped at, if this callback stopped it. */
  get stoppedEpoch(): number | undefined {
    return this.state.stoppedEpoch;
  }

  get bestEpoch(): number {
    return this.state.bestEpoch;
  }

  getState(): EarlyStoppingState {
    return { ...this.state };
  }

  setState(state: unknown): void {
    this.state = { ...(state as EarlyStoppingState) };
  }

  onEpochEnd(epoch: number, logs: Logs, ctx: TrainingContext): void {
    if (epoch < this.config.startFromEpoch) return;
    const value = this.monitor.read(logs);
    this.state.wait += 1;
    if (this.monitor.improves(value, this.state.best)) {
      this.state.best = value;
      this.state.bestEpoch = epoch;
      if (this.config.restoreBestWeights) {
        tf.dispose(this.bestWeights);
        this.bestWeights = ctx.model.getWeights().map((w) => w.clone());
      }
      // The wait restarts only when the value beats both the previous best and the baseline.
      if (this.config.baseline === undefined || this.monitor.improves(value, this.config.baseline)) this.state.wait = 0;
      return;
    }
    if (this.state.wait >= this.config.patience && epoch > 0) {
      this.state.stoppedEpoch = epoch;
      ctx.stopTraining = true;
    }
  }

  onTrainEnd(_history: unknown, ctx: TrainingContext): void {
    if (this.bestWeights && this.config.restoreBestWeights && this.state.bestEpoch !== ctx.history.epoch[ctx.history.epoch.length - 1]) {
      ctx.model.setWeights(this.bestWeights);
    }
    tf.dispose(this.bestWeights);
    this.bestWeights = undefined;
  }
}
